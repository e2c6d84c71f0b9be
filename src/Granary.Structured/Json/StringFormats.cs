using Granary.Structured.Regex;
using Granary.Structured.Text;

namespace Granary.Structured.Json;

/// <summary>
/// The string formats we enforce, as patterns. Dates only use days every month has (29 and 30 not
/// in February, 31 only in 31-day months), so every generated date exists; time offsets stay within
/// the zones that exist (-12:00 to +14:00), which RFC 3339 allows and .NET-based validators require.
/// Other formats are refused.
/// </summary>
internal static class StringFormats
{
    private const string Date = "[1-9][0-9]{3}-((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)";
    private const string Time = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?(Z|\\+(0[0-9]|1[0-3]):[0-5][0-9]|\\+14:00|-(0[0-9]|1[01]):[0-5][0-9]|-12:00)";
    private const string Hex = "[0-9a-fA-F]";
    private const string Label = "[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*";

    private static readonly Dictionary<string, string> Patterns = new(StringComparer.Ordinal)
    {
        ["date"] = Date,
        ["time"] = Time,
        ["date-time"] = Date + "T" + Time,
        ["uuid"] = $"{Hex}{{8}}-{Hex}{{4}}-{Hex}{{4}}-{Hex}{{4}}-{Hex}{{12}}",
        // Counted repetitions here would cost thousands of states; lengths are left to maxLength.
        ["email"] = $"[a-zA-Z0-9_+-]+(\\.[a-zA-Z0-9_+-]+)*@({Label}\\.)+[a-zA-Z]{{2,}}",
    };

    public static CharDfa Compile(string format, string pointer) =>
        Patterns.TryGetValue(format, out var pattern)
            ? RegexCompiler.FullMatch(pattern, CodePointSet.BmpScalars, "format")
            : throw new StructuredOutputException(
                $"Unsupported string format '{format}' at {SchemaKeywords.Pointer(pointer)} (supported: {string.Join(", ", Patterns.Keys)}).", "format");
}
