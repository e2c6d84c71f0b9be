using System.Text;

namespace Granary.Structured.Tests.Support;

/// <summary>A vocabulary of the 256 single bytes (ids 0-255) plus EOS (256): text checks byte by byte.</summary>
internal static class ByteVocabulary
{
    public const int Eos = 256;

    public static TokenVocabulary Instance { get; } = TokenVocabulary.Create(
        [.. Enumerable.Range(0, 256).Select(b => new[] { (byte)b }), Encoding.UTF8.GetBytes("</s>")],
        new HashSet<int> { Eos },
        new HashSet<int> { Eos });

    /// <summary>Whether the grammar matches the whole text.</summary>
    public static bool Matches(Grammar grammar, string text) => Matches(grammar, Encoding.UTF8.GetBytes(text));

    public static bool Matches(Grammar grammar, byte[] bytes)
    {
        var matcher = Feed(grammar, bytes);
        return matcher is not null && matcher.IsComplete;
    }

    /// <summary>Whether the text is a prefix of some sentence of the grammar.</summary>
    public static bool IsViablePrefix(Grammar grammar, string text) => Feed(grammar, Encoding.UTF8.GetBytes(text)) is not null;

    /// <summary>The matcher after the bytes, or null if a byte was refused.</summary>
    public static GrammarMatcher? Feed(Grammar grammar, byte[] bytes)
    {
        var matcher = new GrammarMatcher(grammar, Instance);
        foreach (var value in bytes)
        {
            if (!matcher.AcceptToken(value))
            {
                return null;
            }
        }

        return matcher;
    }
}
