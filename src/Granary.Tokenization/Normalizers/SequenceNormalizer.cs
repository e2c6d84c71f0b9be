namespace Granary.Tokenization.Normalizers;

internal sealed class SequenceNormalizer(IReadOnlyList<INormalizer> normalizers) : INormalizer
{
    public IReadOnlyList<INormalizer> Normalizers { get; } = normalizers;

    public string Normalize(string text)
    {
        foreach (var normalizer in Normalizers)
        {
            text = normalizer.Normalize(text);
        }

        return text;
    }
}
