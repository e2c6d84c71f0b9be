namespace Granary.Tokenization.Decoders;

/// <summary>
/// What one token contributes to decoded text, while a decoder chain is applied to it alone:
/// text until a byte-producing decoder (ByteLevel, ByteFallback) turns it into raw bytes.
/// </summary>
internal readonly record struct TokenPiece(string? Text, byte[]? Bytes)
{
    public bool IsBytes => Bytes is not null;

    public static TokenPiece FromText(string text) => new(text, null);

    public static TokenPiece FromBytes(byte[] bytes) => new(null, bytes);
}
