using Granary.Api.Images;
using Granary.Api.WebConsole;
using Granary.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Granary.Api.Tests.Infrastructure;

/// <summary>The API hosted in-process on a TestServer over a scripted client, composed as the server will.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, ScriptedInferenceClient client)
    {
        _app = app;
        Client = client;
        Http = app.GetTestClient();
    }

    public ScriptedInferenceClient Client { get; }

    public HttpClient Http { get; }

    /// <param name="cluster">When given, the web console is composed too (its page and /v1/cluster over this view).</param>
    /// <param name="images">Image URL fetching settings (off by default, as on the server).</param>
    public static async Task<ApiHost> StartAsync(Action<ServingOptions>? configure = null, ScriptedInferenceClient? client = null, IClusterView? cluster = null,
        Action<ImageUrlOptions>? images = null)
    {
        client ??= new ScriptedInferenceClient();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IInferenceClient>(client);
        builder.Services.AddGranaryApi(configure);
        if (images is not null) builder.Services.Configure(images);
        if (cluster is not null) builder.Services.AddSingleton(cluster);
        var app = builder.Build();
        app.MapGranaryApi();
        if (cluster is not null) app.MapGranaryConsole();
        await app.StartAsync();
        return new ApiHost(app, client);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }
}
