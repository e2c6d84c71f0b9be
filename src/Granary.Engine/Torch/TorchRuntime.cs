using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Torch;

/// <summary>Brings up libtorch for a device: the bundled CPU build, or a CUDA build found on LD_LIBRARY_PATH.</summary>
internal static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _cudaReady;

    public static Device Initialize(string device)
    {
        var parsed = new Device(device);
        lock (Gate)
        {
            if (parsed.type == DeviceType.CUDA && !_cudaReady)
            {
                InitializeDeviceType(DeviceType.CUDA);
                if (!cuda.is_available())
                    throw new InvalidOperationException(
                        "CUDA was requested but libtorch reports no CUDA device; build with -p:TorchBackend=external and put a CUDA libtorch on LD_LIBRARY_PATH");
                _cudaReady = true;
            }
        }
        return parsed;
    }

    /// <summary>
    /// "auto" keeps the checkpoint's half-precision dtype on CUDA and uses float32 on the CPU, where
    /// half-precision matmuls are slow and float32 reproduces transformers exactly.
    /// </summary>
    public static ScalarType ResolveDtype(string dtype, Device device, string? checkpointDtype) => dtype.ToLowerInvariant() switch
    {
        "auto" when device.type == DeviceType.CPU => ScalarType.Float32,
        "auto" => checkpointDtype?.ToLowerInvariant() switch
        {
            "float16" => ScalarType.Float16,
            _ => ScalarType.BFloat16,
        },
        "float32" or "fp32" or "float" => ScalarType.Float32,
        "float16" or "fp16" or "half" => ScalarType.Float16,
        "bfloat16" or "bf16" => ScalarType.BFloat16,
        // For checks: no CPU kernel takes float64, so every op runs through libtorch.
        "float64" or "double" => ScalarType.Float64,
        _ => throw new ArgumentException($"dtype '{dtype}' is not supported (auto, float32, float16, bfloat16, float64)"),
    };
}
