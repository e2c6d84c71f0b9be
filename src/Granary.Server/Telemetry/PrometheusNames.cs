using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Granary.Server.Telemetry;

/// <summary>
/// Prometheus names for Granary's instruments. OpenTelemetry names may not contain ':', so the
/// engine's instruments are vLLM's names with "vllm." for "vllm:"; here they get their ':' back.
/// Others become granary_*, with the unit and counter suffixes Prometheus expects.
/// </summary>
internal static class PrometheusNames
{
    private const string VllmPrefix = "vllm.";

    public static string For(Instrument instrument)
    {
        var vllm = instrument.Name.StartsWith(VllmPrefix, StringComparison.Ordinal);
        var name = Sanitize(vllm ? instrument.Name[VllmPrefix.Length..] : instrument.Name);
        // Granary's own meters are prefixed granary_; platform meters keep OpenTelemetry's names (http_server_*, dotnet_*, orleans_*).
        if (!vllm && instrument.Meter.Name.StartsWith("Granary", StringComparison.Ordinal) && !name.StartsWith("granary_", StringComparison.Ordinal)) name = "granary_" + name;
        var unit = instrument.Unit switch { "s" => "_seconds", "By" => "_bytes", _ => "" };
        if (unit.Length > 0 && !name.EndsWith(unit, StringComparison.Ordinal)) name += unit;
        if (IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal)) name += "_total";
        // A gauge named *_count (dotnet.assembly.count) would read as a histogram's count to Prometheus' linter.
        else if (!IsCounter(instrument) && !IsHistogram(instrument) && name.EndsWith("_count", StringComparison.Ordinal)) name += "_current";
        return vllm ? "vllm:" + name : name;
    }

    /// <summary>Label pairs as rendered inside braces, sorted by name (the tags' order varies by caller).</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty) return "";
        var sorted = tags.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            if (text.Length > 0) text.Append(',');
            text.Append(SnakeCase(Sanitize(key))).Append("=\"");
            foreach (var c in Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")
            {
                switch (c)
                {
                    case '\\': text.Append("\\\\"); break;
                    case '"': text.Append("\\\""); break;
                    case '\n': text.Append("\\n"); break;
                    default: text.Append(c); break;
                }
            }
            text.Append('"');
        }
        return text.ToString();
    }

    public static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    public static bool IsCounter(Instrument instrument)
    {
        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>));
    }

    public static bool IsHistogram(Instrument instrument) =>
        instrument.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(Histogram<>);

    // Orleans tags are PascalCase (ConnectionDirection); Prometheus label names are snake_case.
    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsAsciiLetterUpper(name[i]) && i > 0 && (char.IsAsciiLetterLower(name[i - 1]) || char.IsAsciiDigit(name[i - 1]))) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name) text.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        if (text.Length == 0 || char.IsAsciiDigit(text[0])) text.Insert(0, '_');
        return text.ToString();
    }
}
