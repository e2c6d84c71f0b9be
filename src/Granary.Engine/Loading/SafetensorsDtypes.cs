using TorchSharp;

namespace Granary.Engine.Loading;

/// <summary>Safetensors dtype names and their torch scalar types.</summary>
internal static class SafetensorsDtypes
{
    private static readonly Dictionary<string, torch.ScalarType> Supported = new()
    {
        ["F32"] = torch.ScalarType.Float32,
        ["F16"] = torch.ScalarType.Float16,
        ["BF16"] = torch.ScalarType.BFloat16,
    };

    private static readonly Dictionary<torch.ScalarType, string> Names = Supported.ToDictionary(p => p.Value, p => p.Key);

    public static torch.ScalarType ToScalarType(SafetensorsTensorInfo info, string path) =>
        Supported.TryGetValue(info.Dtype, out var type)
            ? type
            : throw new ModelLoadException(
                $"{path}: tensor '{info.Name}' has dtype {info.Dtype}; supported: {string.Join(", ", Supported.Keys)}");

    public static string ToName(torch.ScalarType type) =>
        Names.TryGetValue(type, out var name) ? name : throw new ArgumentException($"{type} cannot be written to safetensors here");
}
