namespace Granary.Tokenization.Normalizers;

/// <summary>Prepends a string to non-empty text (SentencePiece-style "▁" prefix).</summary>
internal sealed class PrependNormalizer(string prefix) : INormalizer
{
    public string Normalize(string text) => text.Length == 0 ? text : prefix + text;
}
