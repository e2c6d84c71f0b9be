using Granary.Engine.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// y = x·Wᵀ + b with W's output rows split across CPU cores. libtorch runs a CPU matrix-vector
/// product on one core, which leaves a decode step bound by one core's share of memory bandwidth;
/// computing row slices on every core reads the weights with all of them.
/// </summary>
internal sealed class RowParallelLinear : IDisposable
{
    // Below this many weights a split costs more in hand-offs than it saves.
    private const long MinimumWeights = 1 << 18;

    private readonly CpuWorkers _workers;
    private readonly (Tensor Weight, Tensor? Bias)[] _slices;

    private RowParallelLinear(CpuWorkers workers, (Tensor, Tensor?)[] slices)
    {
        _workers = workers;
        _slices = slices;
    }

    /// <summary>A split for this weight, or null where splitting does not pay (GPU, small weights, one core).</summary>
    public static RowParallelLinear? TryCreate(Tensor weight, Tensor? bias, CpuWorkers? workers)
    {
        if (workers is null || weight.device_type != DeviceType.CPU || weight.numel() < MinimumWeights) return null;
        var rows = weight.shape[0];
        var parts = workers.Parallelism;
        var slices = new (Tensor, Tensor?)[parts];
        for (var i = 0; i < parts; i++)
        {
            var start = rows * i / parts;
            var length = rows * (i + 1) / parts - start;
            slices[i] = (weight.narrow(0, start, length), bias?.narrow(0, start, length));
        }
        return new RowParallelLinear(workers, slices);
    }

    public static bool Suits(Tensor input) => input.dim() == 2;

    public Tensor Forward(Tensor input)
    {
        var outputs = new Tensor[_slices.Length];
        _workers.Run(i => outputs[i] = nn.functional.linear(input, _slices[i].Weight, _slices[i].Bias).DetachFromDisposeScope());
        try
        {
            return cat(outputs, -1);
        }
        finally
        {
            foreach (var output in outputs) output.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var (weight, bias) in _slices)
        {
            weight.Dispose();
            bias?.Dispose();
        }
    }
}
