using Granary.Grpc.V1;
using Granary.Serving;
using Grpc.Net.Client;
using HealthClient = Grpc.Health.V1.Health.HealthClient;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReflectionClient = Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient;

namespace Granary.Grpc.Tests.Infrastructure;

/// <summary>The gRPC front end hosted in-process on a TestServer over a scripted client, composed as the server will.</summary>
internal sealed class GrpcHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private GrpcHost(WebApplication app, ScriptedInferenceClient client)
    {
        _app = app;
        Client = client;
        var server = app.GetTestServer();
        _channel = GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
        Inference = new InferenceService.InferenceServiceClient(_channel);
        Health = new HealthClient(_channel);
        Reflection = new ReflectionClient(_channel);
    }

    public ScriptedInferenceClient Client { get; }

    public InferenceService.InferenceServiceClient Inference { get; }

    public HealthClient Health { get; }

    public ReflectionClient Reflection { get; }

    public static async Task<GrpcHost> StartAsync(Action<ServingOptions>? configure = null)
    {
        var client = new ScriptedInferenceClient();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IInferenceClient>(client);
        builder.Services.AddGranaryGrpc(configure);
        var app = builder.Build();
        app.MapGranaryGrpc();
        await app.StartAsync();
        return new GrpcHost(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.DisposeAsync();
    }
}
