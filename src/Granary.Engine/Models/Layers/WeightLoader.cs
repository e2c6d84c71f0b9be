using Granary.Engine.Loading;
using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// Where module constructors take their parameters from: a weight source, a dtype and a device,
/// plus the CPU workers that split large matrix products across cores (null: no splitting).
/// </summary>
internal sealed class WeightLoader(IWeightSource source, ScalarType dtype, Device device, CpuWorkers? workers = null)
{
    public CpuWorkers? Workers { get; } = workers;

    public ScalarType Dtype { get; } = dtype;

    public Device Device { get; } = device;

    public bool Contains(string name) => source.Contains(name);

    public Tensor Load(string name, params long[] shape) => source.Load(name, shape, Dtype, Device);

    /// <summary>Loads several tensors and concatenates them along dim 0 (fused projections).</summary>
    public Tensor LoadConcatenated(IReadOnlyList<string> names, IReadOnlyList<long[]> shapes)
    {
        if (names.Count == 1) return Load(names[0], shapes[0]);
        var parts = names.Select((name, i) => Load(name, shapes[i])).ToArray();
        try
        {
            return cat(parts, 0);
        }
        finally
        {
            foreach (var part in parts) part.Dispose();
        }
    }
}
