namespace Granary.EndToEnd.Tests.Support;

/// <summary>Just enough of the protobuf wire format to read OTLP messages: each field's number and raw value.</summary>
internal static class ProtobufReader
{
    public readonly record struct Field(int Number, int WireType, ulong Varint, ReadOnlyMemory<byte> Bytes);

    public static IEnumerable<Field> Read(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            int number = (int)(key >> 3), wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    yield return new Field(number, wireType, Varint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return new Field(number, wireType, BitConverter.ToUInt64(message.Span.Slice(position, 8)), message.Slice(position, 8));
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return new Field(number, wireType, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new Field(number, wireType, BitConverter.ToUInt32(message.Span.Slice(position, 4)), message.Slice(position, 4));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"protobuf wire type {wireType} is not supported");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
