using System.Net;
using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Granary.Serving;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Granary.Grpc.Tests.Hosting;

/// <summary>
/// Pins down the Kestrel configuration the server needs, on real loopback sockets. gRPC needs HTTP/2;
/// without TLS Kestrel cannot tell HTTP/1.1 from HTTP/2 on one endpoint (no ALPN; it does not sniff the
/// HTTP/2 preface, dotnet/aspnetcore#56984), so cleartext gRPC needs an endpoint of its own.
/// </summary>
public sealed class SharedPortTests
{
    [Fact]
    public async Task One_cleartext_endpoint_for_both_protocols_speaks_only_HTTP_1_1()
    {
        await using var app = await StartAsync(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1AndHttp2));
        var address = Addresses(app).Single();

        using var channel = GrpcChannel.ForAddress(address);
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            new InferenceService.InferenceServiceClient(channel).ListModelsAsync(new ListModelsRequest()).ResponseAsync);

        // If Kestrel learns to sniff prior-knowledge h2c, this fails: then one port can serve both.
        Assert.Contains("HTTP_1_1_REQUIRED", error.Status.Detail);
    }

    [Fact]
    public async Task HTTP_1_1_and_cleartext_gRPC_are_served_by_one_app_on_two_endpoints()
    {
        await using var app = await StartAsync(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
        });
        var addresses = Addresses(app);

        using var http = new HttpClient();
        using var response = await http.GetAsync($"{addresses[0]}/v1/health/live");
        using var channel = GrpcChannel.ForAddress(addresses[1]);
        var models = await new InferenceService.InferenceServiceClient(channel).ListModelsAsync(new ListModelsRequest());

        Assert.Equal(HttpVersion.Version11, response.Version);
        Assert.Equal("live", await response.Content.ReadAsStringAsync());
        Assert.Equal(ScriptedInferenceClient.Model, Assert.Single(models.Models).Id);
    }

    private static async Task<WebApplication> StartAsync(Action<KestrelServerOptions> configureKestrel)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(configureKestrel);
        builder.Services.AddSingleton<IInferenceClient>(new ScriptedInferenceClient());
        builder.Services.AddGranaryGrpc();
        var app = builder.Build();
        app.MapGet("/v1/health/live", () => "live");
        app.MapGranaryGrpc();
        await app.StartAsync();
        return app;
    }

    private static string[] Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.ToArray();
}
