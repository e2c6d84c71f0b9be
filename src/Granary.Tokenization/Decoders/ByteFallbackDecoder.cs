using System.Globalization;
using System.Text;

namespace Granary.Tokenization.Decoders;

/// <summary>
/// Turns runs of &lt;0xNN&gt; tokens into the text their bytes spell; a run that is not valid
/// UTF-8 becomes one U+FFFD per byte (not per invalid sequence), as in tokenizers.
/// </summary>
internal sealed class ByteFallbackDecoder : IDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryParseByteToken(string token, out byte value)
    {
        value = 0;
        // Rust's u8::from_str_radix also accepts a leading '+'.
        return token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2).TrimStart('+'), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    public List<string> DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        var run = new List<byte>();
        foreach (var token in tokens)
        {
            if (TryParseByteToken(token, out var value))
            {
                run.Add(value);
                continue;
            }

            FlushRun(run, result);
            result.Add(token);
        }

        FlushRun(run, result);
        return result;
    }

    public TokenPiece MapToken(TokenPiece piece) =>
        !piece.IsBytes && TryParseByteToken(piece.Text!, out var value) ? TokenPiece.FromBytes([value]) : piece;

    public bool IsOpenEnded(string token) => TryParseByteToken(token, out _);

    private static void FlushRun(List<byte> run, List<string> result)
    {
        if (run.Count == 0)
        {
            return;
        }

        try
        {
            result.Add(StrictUtf8.GetString(run.ToArray()));
        }
        catch (DecoderFallbackException)
        {
            for (var i = 0; i < run.Count; i++)
            {
                result.Add("\uFFFD");
            }
        }

        run.Clear();
    }
}
