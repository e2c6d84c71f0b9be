using System.Text;
using Granary.Structured.Automata;
using Granary.Structured.Text;

namespace Granary.Structured.Tests.Automata;

public sealed class Utf8SequencesTests
{
    [Fact]
    public void Byte_range_sequences_encode_exactly_the_code_points_of_the_set()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 40; trial++)
        {
            var ranges = Enumerable.Range(0, 3).Select(_ =>
            {
                var low = random.Next(0, 0x10FFFF);
                return (low, Math.Min(0x10FFFF, low + random.Next(0, 1 << random.Next(1, 18))));
            });
            var set = CodePointSet.FromRanges(ranges).Intersect(CodePointSet.AllScalars);
            var sequences = Utf8Sequences.Of(set);
            for (var probe = 0; probe < 500; probe++)
            {
                var codePoint = probe % 2 == 0 && set.Ranges.Count > 0
                    ? random.Next(set.Ranges[0].Low, set.Ranges[0].High + 1)
                    : random.Next(0, 0x110000);
                if (codePoint is >= 0xD800 and <= 0xDFFF)
                {
                    continue;
                }

                var bytes = Encoding.UTF8.GetBytes(char.ConvertFromUtf32(codePoint));
                var covered = sequences.Any(s => s.Length == bytes.Length && s.Zip(bytes).All(p => p.First.Low <= p.Second && p.Second <= p.First.High));
                Assert.Equal(set.Contains(codePoint), covered);
            }
        }
    }

    [Fact]
    public void Json_escapes_cover_short_forms_and_both_hex_cases()
    {
        var grammar = Grammar.JsonSchema("""{"type":"string","pattern":"^[\\n\\u00e9\"]+$"}""");
        Assert.True(Support.ByteVocabulary.Matches(grammar, "\"\\n\\u00E9\\u00e9é\\\"\\u0022\\u000a\""));
        Assert.False(Support.ByteVocabulary.Matches(grammar, "\"\\t\""));
        Assert.False(Support.ByteVocabulary.Matches(grammar, "\"\\u00e8\""));
    }
}
