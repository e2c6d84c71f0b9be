namespace Granary.Grains.Hosting;

/// <summary>One line for an error that ends start-up: its message, and its causes' where they add something.</summary>
public static class StartupErrors
{
    public static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var current = error; current is not null; current = current.InnerException)
        {
            var message = current.Message.ReplaceLineEndings(" ").Trim();
            if (message.Length > 0 && !parts.Any(p => p.Contains(message, StringComparison.Ordinal))) parts.Add(message);
        }
        return string.Join(": ", parts);
    }
}
