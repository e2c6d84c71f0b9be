namespace Granary.Bench.Commands;

/// <summary>Runs a command's action, turning setup problems into a message and exit code 2 instead of a stack trace.</summary>
internal static class CommandGuard
{
    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (BenchException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
    }
}
