using Granary.Engine.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Layers;

/// <summary>
/// y = x·Wᵀ + b with W's output rows split across CPU cores. libtorch runs a CPU matrix-vector
/// product on one core, which leaves a decode step bound by one core's share of memory bandwidth;
/// computing row slices on every core reads the weights with all of them. Decode-sized float32
/// inputs use <see cref="CpuMatVec"/>; larger ones split libtorch's own product.
/// </summary>
internal sealed unsafe class RowParallelLinear : IDisposable
{
    // Below this many weights a split costs more in hand-offs than it saves.
    private const long MinimumWeights = 1 << 18;

    private readonly CpuWorkers _workers;
    private readonly Tensor _weight;
    private readonly Tensor? _bias;
    private readonly (Tensor Weight, Tensor? Bias)[] _slices;
    private readonly int[] _rowBounds;

    private RowParallelLinear(CpuWorkers workers, Tensor weight, Tensor? bias, (Tensor, Tensor?)[] slices, int[] rowBounds)
    {
        _workers = workers;
        _weight = weight;
        _bias = bias;
        _slices = slices;
        _rowBounds = rowBounds;
    }

    /// <summary>A split for this weight, or null where splitting does not pay (GPU, small weights, one core).</summary>
    public static RowParallelLinear? TryCreate(Tensor weight, Tensor? bias, CpuWorkers? workers)
    {
        if (workers is null || weight.device_type != DeviceType.CPU || weight.numel() < MinimumWeights) return null;
        var rows = weight.shape[0];
        var parts = workers.Parallelism;
        var slices = new (Tensor, Tensor?)[parts];
        var bounds = new int[parts + 1];
        for (var i = 0; i < parts; i++)
        {
            var start = rows * i / parts;
            var length = rows * (i + 1) / parts - start;
            slices[i] = (weight.narrow(0, start, length), bias?.narrow(0, start, length));
            bounds[i + 1] = (int)(start + length);
        }
        return new RowParallelLinear(workers, weight, bias, slices, bounds);
    }

    public static bool Suits(Tensor input) => input.dim() == 2;

    public Tensor Forward(Tensor input) => UsesMatVec(input) ? MatVec(input) : SplitProduct(input);

    private bool UsesMatVec(Tensor input) =>
        CpuMatVec.Supported && input.shape[0] <= CpuMatVec.MaxInputs && input.dtype == ScalarType.Float32
        && _weight.dtype == ScalarType.Float32 && _weight.is_contiguous();

    private Tensor MatVec(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.contiguous();
        var (inputs, k, n) = ((int)x.shape[0], (int)x.shape[1], _weight.shape[0]);
        var output = empty([inputs, n], ScalarType.Float32);
        float* w = CpuKernels.Pointer(_weight), xp = CpuKernels.Pointer(x), y = CpuKernels.Pointer(output);
        _workers.Run(i => CpuMatVec.Multiply(w, xp, y, inputs, k, n, _rowBounds[i], _rowBounds[i + 1]));
        if (_bias is not null) output.add_(_bias);
        return output.MoveToOuterDisposeScope();
    }

    private Tensor SplitProduct(Tensor input)
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
