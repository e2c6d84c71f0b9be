using System.Text;
using Granary.Tokenization.Patterns;

namespace Granary.Tokenization.PreTokenizers;

/// <summary>
/// Splits on every character of a class: Digits (Isolated or Contiguous), Punctuation and
/// WhitespaceSplit (Removed) are all this shape.
/// </summary>
internal sealed class CharacterSplitPreTokenizer(Func<Rune, bool> isDelimiter, SplitDelimiterBehavior behavior) : IPreTokenizer
{
    private readonly CharacterPattern _pattern = new(isDelimiter);

    public static CharacterSplitPreTokenizer Digits(bool individualDigits) =>
        new(CharacterClasses.IsNumeric, individualDigits ? SplitDelimiterBehavior.Isolated : SplitDelimiterBehavior.Contiguous);

    public static CharacterSplitPreTokenizer Punctuation(SplitDelimiterBehavior behavior) => new(CharacterClasses.IsPunctuation, behavior);

    public static CharacterSplitPreTokenizer WhitespaceSplit() => new(CharacterClasses.IsWhitespace, SplitDelimiterBehavior.Removed);

    public void PreTokenize(List<PreToken> splits) =>
        PreTokenSplitter.SplitEach(splits, (piece, output) => PreTokenSplitter.SplitByPattern(piece, _pattern, behavior, output));
}
