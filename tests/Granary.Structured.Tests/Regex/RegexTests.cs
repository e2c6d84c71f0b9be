using System.Text;
using Granary.Structured.Tests.Support;
using DotNetRegex = System.Text.RegularExpressions.Regex;
using DotNetRegexOptions = System.Text.RegularExpressions.RegexOptions;

namespace Granary.Structured.Tests.Regex;

/// <summary>
/// The regex subset against System.Text.RegularExpressions (ECMAScript mode) on random texts over
/// an alphabet where every flavour reads \d \w \s and '.' alike, and on the texts our own grammar
/// generates (which must match in .NET's default Unicode mode too).
/// </summary>
public sealed class RegexTests
{
    private const string Alphabet = "ab019_ -.@\n\t€AZ";

    public static TheoryData<string> Patterns() =>
    [
        "abc", "a|b|", "a*", "a+b?", "(ab)*", "(?:a|b){2,3}", "a{2}", "a{2,}", "a{0,1}b{1}", "[a-z0-9]+", "[^a]*", "[\\d\\s]+",
        "\\w+@\\w+\\.", ".*", ".+a", "\\D\\W\\S", "[^\\w]", "^a", "a$", "^(a|b)+$", "(^a|b)c", "x*", "[-a]", "[a-]", "[\\]a]",
        "(a(b(c)?)?)+", "\\x41\\u0042", "[\\n\\t]", "a{1,3}?b", "(?<name>ab)+", "€+", "[^\\d\\s]{2}", "\\.\\*\\+\\?\\(\\)\\[\\]\\{\\}\\|\\^\\$\\\\",
    ];

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Full_match_agrees_with_dotnet_on_random_texts(string pattern)
    {
        var grammar = Grammar.Regex(pattern);
        var reference = new DotNetRegex($"^(?:{pattern})$", DotNetRegexOptions.ECMAScript);
        var random = new Random(pattern.GetHashCode(StringComparison.Ordinal));
        for (var i = 0; i < 400; i++)
        {
            var text = RandomText(random);
            // .NET's '$' also matches before a final \n: require the match to span the whole text.
            var expected = IsWholeMatch(reference, text);
            Assert.True(expected == ByteVocabulary.Matches(grammar, text), $"/{pattern}/ on \"{Escape(text)}\": .NET {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(Patterns))]
    public void Generated_texts_match_in_every_flavour(string pattern)
    {
        var grammar = Grammar.Regex(pattern);
        // .NET's default (Unicode) reading: its ECMAScript option is narrower than ECMA-262 for \s.
        var unicode = new DotNetRegex($"^(?:{pattern})$");
        var walker = new RandomWalker(ByteVocabulary.Instance, pattern.Length);
        var bytes = Enumerable.Range(0, 256).Select(b => new[] { (byte)b }).Append("</s>"u8.ToArray()).ToArray();
        for (var i = 0; i < 30; i++)
        {
            var text = walker.Generate(grammar, ByteVocabulary.Eos, bytes).Text;
            Assert.True(IsWholeMatch(unicode, text), $"/{pattern}/ generated \"{Escape(text)}\"");
        }
    }

    [Fact]
    public void Json_schema_patterns_are_searches_unless_anchored()
    {
        Assert.True(ByteVocabulary.Matches(Grammar.JsonSchema("""{"type":"string","pattern":"b"}"""), "\"abc\""));
        Assert.False(ByteVocabulary.Matches(Grammar.JsonSchema("""{"type":"string","pattern":"^b"}"""), "\"abc\""));
        Assert.False(ByteVocabulary.Matches(Grammar.JsonSchema("""{"type":"string","pattern":"b$"}"""), "\"abc\""));
        Assert.True(ByteVocabulary.Matches(Grammar.JsonSchema("""{"type":"string","pattern":"^a|c$"}"""), "\"xyzc\""));
    }

    [Theory]
    [InlineData("(?=a)")]
    [InlineData("(?!a)")]
    [InlineData("(?<=a)b")]
    [InlineData("(?i)a")]
    [InlineData("(a)\\1")]
    [InlineData("\\bx")]
    [InlineData("\\p{Lu}")]
    [InlineData("a**")]
    [InlineData("a++")]
    [InlineData("(a")]
    [InlineData("a)")]
    [InlineData("[b-a]")]
    [InlineData("a{5,2}")]
    [InlineData("\\")]
    [InlineData("a^b")]
    public void Unsupported_or_malformed_patterns_throw(string pattern)
    {
        var exception = Assert.Throws<StructuredOutputException>(() => Grammar.Regex(pattern));
        Assert.Equal("regex", exception.Keyword);
    }

    private static bool IsWholeMatch(DotNetRegex regex, string text) => regex.Match(text) is { Success: true } match && match.Length == text.Length;

    private static string RandomText(Random random)
    {
        var builder = new StringBuilder();
        for (var length = random.Next(0, 7); length > 0; length--)
        {
            builder.Append(Alphabet[random.Next(Alphabet.Length)]);
        }

        return builder.ToString();
    }

    private static string Escape(string text) => text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
