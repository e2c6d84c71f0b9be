namespace Granary.Tokenization.Normalizers;

/// <summary>Transforms the text of one split before pre-tokenization (tokenizer.json "normalizer").</summary>
internal interface INormalizer
{
    string Normalize(string text);
}
