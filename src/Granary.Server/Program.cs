using Granary.Server.CommandLine;
using Granary.Server.Hosting;

return await ServerCommandLine.Build(RunAsync).Parse(args).InvokeAsync();

static async Task<int> RunAsync(ServerOptions options, CancellationToken cancellationToken)
{
    var builder = WebApplication.CreateBuilder();
    builder.AddGranaryServer(options);
    var app = builder.Build();
    app.MapGranaryEndpoints(options);
    await app.RunAsync(cancellationToken);
    return 0;
}
