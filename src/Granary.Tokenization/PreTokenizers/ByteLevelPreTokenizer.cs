using Granary.Tokenization.Patterns;
using Granary.Tokenization.Utils;

namespace Granary.Tokenization.PreTokenizers;

/// <summary>
/// GPT-2 byte-level pre-tokenization: optional leading space, optional split with GPT-2's regex,
/// then every byte of the UTF-8 text becomes one alphabet character.
/// </summary>
internal sealed class ByteLevelPreTokenizer(bool addPrefixSpace, bool useRegex) : IPreTokenizer
{
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    private static readonly Lazy<RegexPattern> Gpt2Regex = new(() => new RegexPattern(Gpt2Pattern));

    public bool AddPrefixSpace { get; } = addPrefixSpace;

    public void PreTokenize(List<PreToken> splits)
    {
        PreTokenSplitter.SplitEach(splits, (piece, output) =>
        {
            if (AddPrefixSpace && !piece.Text.StartsWith(' '))
            {
                piece = piece with { Text = " " + piece.Text };
            }

            var start = output.Count;
            if (useRegex)
            {
                PreTokenSplitter.SplitByPattern(piece, Gpt2Regex.Value, SplitDelimiterBehavior.Isolated, output);
            }
            else
            {
                output.Add(piece);
            }

            for (var i = start; i < output.Count; i++)
            {
                output[i] = output[i] with { Text = ByteLevelAlphabet.Encode(output[i].Text) };
            }
        });
    }
}
