using System.Net;
using System.Net.Sockets;
using System.Text;
using Granary.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Granary.Api.Tests.Infrastructure;

/// <summary>The API on a real Kestrel socket, for what a TestServer never sees: Kestrel's own request parsing.</summary>
internal sealed class KestrelApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelApiHost(WebApplication app, int port, ScriptedInferenceClient client)
    {
        _app = app;
        Port = port;
        Client = client;
    }

    public int Port { get; }

    public ScriptedInferenceClient Client { get; }

    public static async Task<KestrelApiHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseGranaryApiErrors()));
        builder.Logging.ClearProviders();
        var client = new ScriptedInferenceClient();
        builder.Services.AddSingleton<IInferenceClient>(client);
        builder.Services.AddGranaryApi();
        var app = builder.Build();
        app.MapGranaryApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new KestrelApiHost(app, new Uri(address).Port, client);
    }

    /// <summary>Sends raw bytes and returns everything the server answers until it closes the connection.</summary>
    public async Task<string> SendRawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var received = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await stream.CopyToAsync(received, timeout.Token);
        return Encoding.UTF8.GetString(received.ToArray());
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
