using System.Text;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>
/// Writes a .safetensors file, producing and releasing one tensor at a time so a large model never
/// sits in memory whole.
/// </summary>
internal static class SafetensorsWriter
{
    public static void Write(string path, IReadOnlyList<TensorSpec> specs, Func<TensorSpec, Tensor> produce)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        long offset = 0;
        foreach (var spec in specs)
        {
            header[spec.Name] = new JsonObject
            {
                ["dtype"] = SafetensorsDtypes.ToName(spec.Dtype),
                ["shape"] = new JsonArray(spec.Shape.Select(d => (JsonNode)d).ToArray()),
                ["data_offsets"] = new JsonArray(offset, offset + spec.ByteLength),
            };
            offset += spec.ByteLength;
        }

        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8; // the format aligns the data section to 8 bytes
        using var stream = File.Create(path);
        stream.Write(BitConverter.GetBytes((long)padded));
        stream.Write(json);
        for (var i = json.Length; i < padded; i++) stream.WriteByte((byte)' ');

        foreach (var spec in specs)
        {
            using var tensor = produce(spec);
            if (!tensor.shape.SequenceEqual(spec.Shape) || tensor.dtype != spec.Dtype)
                throw new InvalidOperationException(
                    $"{spec.Name}: declared [{string.Join(", ", spec.Shape)}] {spec.Dtype}, produced [{string.Join(", ", tensor.shape)}] {tensor.dtype}");
            WriteData(stream, tensor);
        }
    }

    private static void WriteData(Stream stream, Tensor tensor)
    {
        using var host = tensor.device_type == DeviceType.CPU && tensor.is_contiguous() ? tensor.alias() : tensor.cpu().contiguous();
        var bytes = host.numel() * host.element_size();
        if (bytes <= int.MaxValue || host.dim() == 0)
        {
            stream.Write(host.bytes);
            return;
        }
        var rows = host.shape[0];
        var rowsPerChunk = Math.Max(1, int.MaxValue / (bytes / rows));
        for (long row = 0; row < rows; row += rowsPerChunk)
        {
            using var chunk = host.narrow(0, row, Math.Min(rowsPerChunk, rows - row));
            stream.Write(chunk.bytes);
        }
    }
}
