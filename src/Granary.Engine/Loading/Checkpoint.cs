using System.Text.Json.Nodes;
using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>
/// The tensors of a model folder: <c>model.safetensors</c>, or the shards named by
/// <c>model.safetensors.index.json</c>. Loads tensors by name onto a device and dtype, checking
/// shapes, and remembers which ones were used so leftovers can be reported.
/// </summary>
internal sealed class Checkpoint : IWeightSource, IDisposable
{
    private readonly List<SafetensorsFile> _files;
    private readonly Dictionary<string, SafetensorsFile> _byName;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);
    private readonly IProgress<double>? _progress;
    private readonly long _totalBytes;
    private long _loadedBytes;

    private Checkpoint(List<SafetensorsFile> files, IProgress<double>? progress)
    {
        _files = files;
        _progress = progress;
        _totalBytes = Math.Max(1, files.Sum(f => f.Tensors.Values.Sum(t => t.ByteLength)));
        _byName = new Dictionary<string, SafetensorsFile>(StringComparer.Ordinal);
        foreach (var file in files)
        foreach (var name in file.Tensors.Keys)
        {
            if (!_byName.TryAdd(name, file))
                throw new ModelLoadException($"tensor '{name}' appears in both {_byName[name].Path} and {file.Path}");
        }
    }

    /// <param name="progress">Told the fraction of checkpoint bytes loaded so far.</param>
    public static Checkpoint Open(string modelDirectory, IProgress<double>? progress = null)
    {
        var paths = FindFiles(modelDirectory);
        var files = new List<SafetensorsFile>();
        try
        {
            foreach (var path in paths) files.Add(SafetensorsFile.Open(path));
            return new Checkpoint(files, progress);
        }
        catch
        {
            foreach (var file in files) file.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public IEnumerable<string> Unused => _byName.Keys.Where(n => !_used.Contains(n)).Order(StringComparer.Ordinal);

    /// <summary>Loads a tensor converted to <paramref name="dtype"/> on <paramref name="device"/>.</summary>
    public Tensor Load(string name, long[] expectedShape, ScalarType dtype, Device device)
    {
        if (!_byName.TryGetValue(name, out var file))
            throw new ModelLoadException($"tensor '{name}' is missing from the checkpoint");
        var info = file.Tensors[name];
        if (!info.Shape.SequenceEqual(expectedShape))
            throw new ModelLoadException(
                $"{Path.GetFileName(file.Path)}: tensor '{name}' has shape [{string.Join(", ", info.Shape)}], the config implies [{string.Join(", ", expectedShape)}]");
        _used.Add(name);
        _loadedBytes += info.ByteLength;
        _progress?.Report((double)_loadedBytes / _totalBytes);

        var host = file.Read(info);
        if (host.dtype == dtype && device.type == DeviceType.CPU) return host;
        using (host) return host.to(dtype, device);
    }

    public void Dispose()
    {
        foreach (var file in _files) file.Dispose();
    }

    private static IReadOnlyList<string> FindFiles(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ModelLoadException($"model folder {directory} does not exist");

        var single = Path.Combine(directory, "model.safetensors");
        if (File.Exists(single)) return [single];

        var index = Path.Combine(directory, "model.safetensors.index.json");
        if (File.Exists(index))
        {
            var weightMap = JsonNode.Parse(File.ReadAllText(index))?["weight_map"] as JsonObject
                            ?? throw new ModelLoadException($"{index} has no weight_map");
            var shards = weightMap.Select(p => p.Value?.GetValue<string>() ?? throw new ModelLoadException($"{index}: no file for '{p.Key}'"))
                .Distinct().Order(StringComparer.Ordinal).Select(f => Path.Combine(directory, f)).ToArray();
            foreach (var shard in shards)
                if (!File.Exists(shard))
                    throw new ModelLoadException($"shard {Path.GetFileName(shard)} named in model.safetensors.index.json is missing from {directory}");
            return shards;
        }

        var any = Directory.GetFiles(directory, "*.safetensors").Order(StringComparer.Ordinal).ToArray();
        return any.Length > 0
            ? any
            : throw new ModelLoadException($"no model.safetensors, model.safetensors.index.json or *.safetensors in {directory}");
    }
}
