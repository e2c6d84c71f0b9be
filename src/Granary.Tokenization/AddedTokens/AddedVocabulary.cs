using System.Globalization;
using System.Text;
using Granary.Tokenization.Normalizers;
using Granary.Tokenization.PreTokenizers;

namespace Granary.Tokenization.AddedTokens;

/// <summary>
/// The added tokens and how they are found in text before the model sees it (tokenizers'
/// AddedVocabulary): non-normalized tokens in the raw text first, then normalized tokens in the
/// normalized remainder; single_word, lstrip and rstrip are honoured.
/// </summary>
internal sealed class AddedVocabulary
{
    private readonly Dictionary<string, AddedToken> _byContent = new(StringComparer.Ordinal);
    private readonly Dictionary<int, AddedToken> _byId = new();
    private readonly Dictionary<int, string> _normalizedContent = new();
    private readonly HashSet<string> _specialContents = new(StringComparer.Ordinal);
    private readonly AddedTokenTrie _rawTrie;
    private readonly AddedTokenTrie _normalizedTrie;
    private readonly INormalizer? _normalizer;

    public AddedVocabulary(IEnumerable<AddedToken> tokens, INormalizer? normalizer, bool splitSpecialTokens)
    {
        _normalizer = normalizer;
        SplitSpecialTokens = splitSpecialTokens;
        foreach (var token in tokens)
        {
            if (token.Content.Length == 0)
            {
                continue;
            }

            _byContent[token.Content] = token;
            _byId[token.Id] = token;
            if (token.Special)
            {
                _specialContents.Add(token.Content);
            }

            if (token.Normalized && normalizer is not null && normalizer.Normalize(token.Content) is var normalized && normalized != token.Content)
            {
                _normalizedContent[token.Id] = normalized;
            }
        }

        _rawTrie = new AddedTokenTrie(_byId.Values.Where(t => !t.Normalized).Select(t => (t.Content, t)));
        _normalizedTrie = new AddedTokenTrie(_byId.Values.Where(t => t.Normalized)
            .Select(t => (_normalizedContent.GetValueOrDefault(t.Id, t.Content), t)));
    }

    /// <summary>transformers' split_special_tokens: special tokens in text are not recognised.</summary>
    public bool SplitSpecialTokens { get; }

    public IReadOnlyCollection<AddedToken> Tokens => _byId.Values;

    public AddedToken? ById(int id) => _byId.GetValueOrDefault(id);

    public int? IdOf(string content) => _byContent.TryGetValue(content, out var token) ? token.Id : null;

    /// <summary>The token's text for decoding: the normalized form for normalized tokens, as tokenizers returns it.</summary>
    public string? TextOf(int id) =>
        _byId.TryGetValue(id, out var token) ? _normalizedContent.GetValueOrDefault(id, token.Content) : null;

    public bool IsSpecialContent(string content) => _specialContents.Contains(content);

    /// <summary>Splits raw text into added tokens and normalized text splits.</summary>
    public List<PreToken> ExtractAndNormalize(string text)
    {
        var splits = new List<PreToken>();
        Split(text, startsAtOrigin: true, _rawTrie, splits);
        PreTokenSplitter.SplitEach(splits, (piece, output) =>
        {
            var normalized = _normalizer is null ? piece.Text : _normalizer.Normalize(piece.Text);
            Split(normalized, piece.StartsAtOrigin, _normalizedTrie, output);
        });
        return splits;
    }

    private void Split(string text, bool startsAtOrigin, AddedTokenTrie trie, List<PreToken> output)
    {
        if (trie.IsEmpty || text.Length == 0)
        {
            output.Add(PreToken.FromText(text, startsAtOrigin));
            return;
        }

        var gapStart = 0;
        var searchFrom = 0;
        while (trie.TryFindNext(text, searchFrom, out var start, out var end, out var token))
        {
            searchFrom = end;
            if ((SplitSpecialTokens && token!.Special) || (token!.SingleWord && !IsSingleWord(text, start, end)))
            {
                continue;
            }

            if (token.LStrip)
            {
                start = Math.Max(StartOfTrailingWhitespace(text, start), gapStart);
            }

            if (token.RStrip)
            {
                end = EndOfLeadingWhitespace(text, end);
            }

            if (gapStart < start)
            {
                output.Add(PreToken.FromText(text[gapStart..start], startsAtOrigin && gapStart == 0));
            }

            output.Add(new PreToken(text[start..end], token.Id, startsAtOrigin && start == 0));
            gapStart = end;
            searchFrom = Math.Max(searchFrom, end);
        }

        if (gapStart < text.Length)
        {
            output.Add(PreToken.FromText(text[gapStart..], startsAtOrigin && gapStart == 0));
        }
    }

    private static bool IsSingleWord(string text, int start, int end)
    {
        var startBoundary = start == 0 || !IsWordCharacter(Rune.GetRuneAt(text, PreviousRuneStart(text, start)));
        var endBoundary = end == text.Length || !IsWordCharacter(Rune.GetRuneAt(text, end));
        return startBoundary && endBoundary;
    }

    private static int PreviousRuneStart(string text, int index) =>
        index >= 2 && char.IsLowSurrogate(text[index - 1]) && char.IsHighSurrogate(text[index - 2]) ? index - 2 : index - 1;

    // Rust regex's Unicode \w: alphabetic, marks, decimal digits, connector punctuation, joiners.
    private static bool IsWordCharacter(Rune rune) =>
        rune.Value is 0x200C or 0x200D || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter
            or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber
            or UnicodeCategory.ConnectorPunctuation;

    private static int StartOfTrailingWhitespace(string text, int end)
    {
        var i = end;
        while (i > 0 && char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }

        return i;
    }

    private static int EndOfLeadingWhitespace(string text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
