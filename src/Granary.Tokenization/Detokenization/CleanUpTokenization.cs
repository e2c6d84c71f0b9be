using System.Text;

namespace Granary.Tokenization.Detokenization;

/// <summary>
/// transformers' clean_up_tokenization: removes the space WordPiece-era decoding left before
/// punctuation and English contractions.
/// </summary>
internal static class CleanUpTokenization
{
    private static readonly (string From, string To)[] Replacements =
    [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
        (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ];

    public static string Apply(string text)
    {
        var builder = new StringBuilder(text);
        foreach (var (from, to) in Replacements)
        {
            builder.Replace(from, to);
        }

        return builder.ToString();
    }
}
