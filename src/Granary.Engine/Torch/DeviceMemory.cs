using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Torch;

/// <summary>Free memory on a device, for sizing the KV cache (TorchSharp exposes no CUDA memory query).</summary>
internal static class DeviceMemory
{
    public static long FreeBytes(Device device) => device.type == DeviceType.CUDA ? CudaFree(device.index < 0 ? 0 : device.index) : HostAvailable();

    /// <summary>
    /// The smaller of the machine's available memory and what this process's limit (a container's
    /// cgroup, which the GC reports) leaves after what it already uses.
    /// </summary>
    private static long HostAvailable()
    {
        var underLimit = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - Environment.WorkingSet;
        const string meminfo = "/proc/meminfo";
        if (File.Exists(meminfo))
        {
            var line = File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemAvailable:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib))
                return Math.Min(kib * 1024, underLimit);
        }
        return underLimit;
    }

    private static long CudaFree(long index)
    {
        var info = new ProcessStartInfo("nvidia-smi", $"--query-gpu=memory.free --format=csv,noheader,nounits -i {index}")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("nvidia-smi could not be started");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return long.TryParse(output.Trim(), out var mib)
            ? mib * 1024 * 1024
            : throw new InvalidOperationException($"nvidia-smi reported '{output.Trim()}'; set the KV cache size explicitly");
    }
}
