using System.Text;
using Granary.Tokenization.Patterns;

namespace Granary.Tokenization.PreTokenizers;

/// <summary>
/// SentencePiece-style spaces: ' ' becomes the replacement ('▁'), which is prepended per the
/// scheme, and the text is optionally split before each replacement character.
/// </summary>
internal sealed class MetaspacePreTokenizer(char replacement, PrependScheme prependScheme, bool split) : IPreTokenizer
{
    private readonly CharacterPattern _replacementPattern = new(rune => rune.Value == replacement);

    public char Replacement { get; } = replacement;

    public PrependScheme PrependScheme { get; } = prependScheme;

    public void PreTokenize(List<PreToken> splits)
    {
        PreTokenSplitter.SplitEach(splits, (piece, output) =>
        {
            var text = piece.Text.Replace(' ', Replacement);
            var prepend = PrependScheme switch
            {
                PrependScheme.Always => true,
                PrependScheme.First => piece.StartsAtOrigin,
                _ => false,
            };
            if (prepend && !text.StartsWith(Replacement))
            {
                text = new StringBuilder(text.Length + 1).Append(Replacement).Append(text).ToString();
            }

            var replaced = piece with { Text = text };
            if (split)
            {
                PreTokenSplitter.SplitByPattern(replaced, _replacementPattern, SplitDelimiterBehavior.MergedWithNext, output);
            }
            else
            {
                output.Add(replaced);
            }
        });
    }
}
