using System.IO.MemoryMappedFiles;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>
/// A memory-mapped .safetensors file. Tensors are copied straight from the mapping into their
/// destination tensor, so a checkpoint is never held twice in process memory.
/// </summary>
internal sealed unsafe class SafetensorsFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly long _dataStart;

    private SafetensorsFile(string path, MemoryMappedFile file, MemoryMappedViewAccessor view, long dataStart,
        IReadOnlyDictionary<string, SafetensorsTensorInfo> tensors)
    {
        Path = path;
        _file = file;
        _view = view;
        _dataStart = dataStart;
        Tensors = tensors;
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
    }

    public string Path { get; }

    public IReadOnlyDictionary<string, SafetensorsTensorInfo> Tensors { get; }

    public static SafetensorsFile Open(string path)
    {
        var length = new FileInfo(path).Length;
        if (length < 8) throw new ModelLoadException($"{path} is too short to be a safetensors file");
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        try
        {
            var headerLength = view.ReadInt64(0);
            if (headerLength <= 0 || 8 + headerLength > length)
                throw new ModelLoadException($"{path}: invalid safetensors header length {headerLength}");
            var header = new byte[headerLength];
            view.ReadArray(8, header, 0, header.Length);
            var tensors = ParseHeader(path, header, length - 8 - headerLength);
            return new SafetensorsFile(path, file, view, 8 + headerLength, tensors);
        }
        catch
        {
            view.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Copies the tensor's bytes into a new CPU tensor of the checkpoint's own dtype.</summary>
    public Tensor Read(SafetensorsTensorInfo info)
    {
        var dtype = SafetensorsDtypes.ToScalarType(info, Path);
        var tensor = empty(info.Shape, dtype, CPU);
        var expected = tensor.numel() * tensor.element_size();
        if (expected != info.ByteLength)
        {
            tensor.Dispose();
            throw new ModelLoadException($"{Path}: tensor '{info.Name}' has {info.ByteLength} bytes, shape [{string.Join(", ", info.Shape)}] {info.Dtype} needs {expected}");
        }
        CopyInto(tensor, _base + _dataStart + info.Begin);
        return tensor;
    }

    // Tensor.bytes spans native memory in place but is int-sized, so multi-GB tensors go in row ranges.
    private static void CopyInto(Tensor destination, byte* source)
    {
        var total = destination.numel() * destination.element_size();
        if (total == 0) return;
        if (total <= int.MaxValue || destination.dim() == 0)
        {
            new ReadOnlySpan<byte>(source, (int)total).CopyTo(destination.bytes);
            return;
        }
        var rows = destination.shape[0];
        var rowBytes = total / rows;
        var rowsPerChunk = Math.Max(1, int.MaxValue / rowBytes);
        for (long row = 0; row < rows; row += rowsPerChunk)
        {
            using var chunk = destination.narrow(0, row, Math.Min(rowsPerChunk, rows - row));
            var length = (int)(chunk.numel() * chunk.element_size());
            new ReadOnlySpan<byte>(source + row * rowBytes, length).CopyTo(chunk.bytes);
        }
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    private static Dictionary<string, SafetensorsTensorInfo> ParseHeader(string path, byte[] header, long dataLength)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(Encoding.UTF8.GetString(header)) as JsonObject
                   ?? throw new ModelLoadException($"{path}: safetensors header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"{path}: safetensors header is not valid JSON: {e.Message}", e);
        }

        var tensors = new Dictionary<string, SafetensorsTensorInfo>(StringComparer.Ordinal);
        foreach (var (name, node) in root)
        {
            if (name == "__metadata__") continue;
            if (node is not JsonObject entry
                || entry["dtype"]?.GetValue<string>() is not { } dtype
                || entry["shape"] is not JsonArray shape
                || entry["data_offsets"] is not JsonArray { Count: 2 } offsets)
                throw new ModelLoadException($"{path}: malformed header entry for tensor '{name}'");

            var begin = offsets[0]!.GetValue<long>();
            var end = offsets[1]!.GetValue<long>();
            if (begin < 0 || end < begin || end > dataLength)
                throw new ModelLoadException($"{path}: tensor '{name}' data offsets [{begin}, {end}] lie outside the file");
            tensors[name] = new SafetensorsTensorInfo(name, dtype, shape.Select(d => d!.GetValue<long>()).ToArray(), begin, end);
        }
        return tensors;
    }
}
