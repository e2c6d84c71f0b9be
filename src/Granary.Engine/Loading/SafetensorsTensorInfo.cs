namespace Granary.Engine.Loading;

/// <summary>One tensor's entry in a safetensors header: byte range relative to the data section.</summary>
internal sealed record SafetensorsTensorInfo(string Name, string Dtype, long[] Shape, long Begin, long End)
{
    public long ByteLength => End - Begin;
}
