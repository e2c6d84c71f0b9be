using Granary.Grains.Hosting;
using Granary.Server.CommandLine;
using Granary.Server.Hosting;

return await ServerCommandLine.Build(RunAsync).Parse(args).InvokeAsync();

static async Task<int> RunAsync(ServerOptions options, CancellationToken cancellationToken)
{
    try
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddGranaryServer(options);
        var app = builder.Build();
        app.MapGranaryEndpoints(options);
        await app.RunAsync(cancellationToken);
    }
    catch (Exception error) when (error is not OperationCanceledException)
    {
        // A port taken, a membership store unreachable: one line and a failing exit code, not a stack trace.
        await Console.Error.WriteLineAsync($"granary: {StartupErrors.Describe(error)}");
        return 1;
    }
    // A component that failed fatally (a model that cannot load) has set the exit code and stopped the host.
    return Environment.ExitCode;
}
