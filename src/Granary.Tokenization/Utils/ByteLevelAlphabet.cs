using System.Buffers;
using System.Text;

namespace Granary.Tokenization.Utils;

/// <summary>
/// GPT-2's reversible map between the 256 byte values and printable characters, used by the
/// ByteLevel pre-tokenizer (bytes → characters) and decoder (characters → bytes).
/// </summary>
internal static class ByteLevelAlphabet
{
    private static readonly char[] ByteToChar = BuildByteToChar();
    private static readonly short[] CharToByte = BuildCharToByte();

    public static char ToChar(byte value) => ByteToChar[value];

    /// <summary>The byte a character stands for, or -1 when it is not in the alphabet.</summary>
    public static int ToByte(char c) => c < CharToByte.Length ? CharToByte[c] : -1;

    /// <summary>Maps the UTF-8 bytes of <paramref name="text"/> to alphabet characters.</summary>
    public static string Encode(string text)
    {
        var byteCount = Encoding.UTF8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(text, rented);
            return string.Create(written, rented, static (span, bytes) =>
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = ByteToChar[bytes[i]];
                }
            });
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The bytes a token stands for. Like tokenizers' ByteLevel decoder, a token with any
    /// character outside the alphabet contributes its own UTF-8 bytes instead.
    /// </summary>
    public static byte[] Decode(string token)
    {
        var bytes = new byte[token.Length];
        for (var i = 0; i < token.Length; i++)
        {
            var value = ToByte(token[i]);
            if (value < 0)
            {
                return Encoding.UTF8.GetBytes(token);
            }

            bytes[i] = (byte)value;
        }

        return bytes;
    }

    private static char[] BuildByteToChar()
    {
        var table = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            table[b] = printable ? (char)b : (char)next++;
        }

        return table;
    }

    private static short[] BuildCharToByte()
    {
        var table = new short[324];
        Array.Fill(table, (short)-1);
        for (var b = 0; b < 256; b++)
        {
            table[ByteToChar[b]] = (short)b;
        }

        return table;
    }
}
