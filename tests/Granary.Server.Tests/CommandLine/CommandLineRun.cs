using Granary.Server.CommandLine;

namespace Granary.Server.Tests.CommandLine;

/// <summary>Runs the real command line on some words and hands back what it bound (or its exit code and message).</summary>
internal static class CommandLineRun
{
    public static async Task<ServerOptions> BindAsync(params string[] args)
    {
        var (options, code, error) = await RunAsync(args);
        Assert.True(code == 0, $"exit {code}: {error}");
        return options!;
    }

    public static async Task<(ServerOptions? Options, int Code, string Error)> RunAsync(params string[] args)
    {
        ServerOptions? bound = null;
        var command = ServerCommandLine.Build((options, _) =>
        {
            bound = options;
            return Task.FromResult(0);
        });
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var code = await command.Parse(args).InvokeAsync();
            return (bound, code, error.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
