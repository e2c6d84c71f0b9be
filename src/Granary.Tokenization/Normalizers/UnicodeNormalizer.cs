using Granary.Tokenization.Normalizers.Unicode;

namespace Granary.Tokenization.Normalizers;

/// <summary>NFC, NFD, NFKC or NFKD.</summary>
internal sealed class UnicodeNormalizer(bool compose, bool compatibility) : INormalizer
{
    public string Normalize(string text) => UnicodeNormalization.Normalize(text, compose, compatibility);
}
