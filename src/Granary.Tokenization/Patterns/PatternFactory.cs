using System.Text.Json;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.Patterns;

/// <summary>Reads tokenizer.json's <c>{"String": "..."}</c> / <c>{"Regex": "..."}</c> pattern objects.</summary>
internal static class PatternFactory
{
    public static ISplitPattern FromJson(JsonElement pattern, string where)
    {
        if (JsonFields.String(pattern, "String", where) is { } literal)
        {
            return new LiteralPattern(literal);
        }

        if (JsonFields.String(pattern, "Regex", where) is { } regex)
        {
            return new RegexPattern(regex);
        }

        throw new TokenizerException($"{where}: pattern must be {{\"String\": ...}} or {{\"Regex\": ...}}.");
    }
}
