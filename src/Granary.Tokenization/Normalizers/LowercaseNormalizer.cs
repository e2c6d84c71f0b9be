using System.Text;

namespace Granary.Tokenization.Normalizers;

/// <summary>Unicode lowercase per code point (Rust's char::to_lowercase, including İ → i̇).</summary>
internal sealed class LowercaseNormalizer : INormalizer
{
    public string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value == 0x130)
            {
                // The one full (multi-character) lowercase mapping in Unicode's SpecialCasing that is unconditional.
                builder.Append("i\u0307");
                continue;
            }

            builder.Append(Rune.ToLowerInvariant(rune).ToString());
        }

        return builder.ToString();
    }
}
