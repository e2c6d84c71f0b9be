using System.Globalization;

namespace Granary.Server.CommandLine;

/// <summary>Reads a setting's default from the options types themselves, so help text never disagrees with them.</summary>
internal static class FlagDefaults
{
    public static string? Describe(string key)
    {
        object? value = new ServerOptions();
        foreach (var part in key.Split(':'))
            value = value?.GetType().GetProperty(part)?.GetValue(value);
        return value switch
        {
            null or bool or string { Length: 0 } or System.Collections.ICollection => null,
            TimeSpan span => span.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            Enum e => e.ToString().ToLowerInvariant(),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
    }
}
