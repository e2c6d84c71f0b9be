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
    private readonly int[] _halfBounds;

    private RowParallelLinear(CpuWorkers workers, Tensor weight, Tensor? bias, (Tensor, Tensor?)[] slices, int[] rowBounds)
    {
        _workers = workers;
        _weight = weight;
        _bias = bias;
        _slices = slices;
        _rowBounds = rowBounds;
        _halfBounds = Bounds(weight.shape[0] / 2, workers.Parallelism);
    }

    /// <summary>
    /// A split for this weight, or null where it does not pay (GPU, small weights, no workers). With
    /// one core it is a split into one part: decode products still take the mat-vec kernel.
    /// </summary>
    public static RowParallelLinear? TryCreate(Tensor weight, Tensor? bias, CpuWorkers? workers)
    {
        if (workers is null || weight.device_type != DeviceType.CPU || weight.numel() < MinimumWeights) return null;
        var rows = weight.shape[0];
        var parts = workers.Parallelism;
        var bounds = Bounds(rows, parts);
        var slices = new (Tensor, Tensor?)[parts];
        for (var i = 0; i < parts; i++)
        {
            var length = bounds[i + 1] - bounds[i];
            slices[i] = (weight.narrow(0, bounds[i], length), bias?.narrow(0, bounds[i], length));
        }
        return new RowParallelLinear(workers, weight, bias, slices, bounds);
    }

    private static int[] Bounds(long rows, int parts)
    {
        var bounds = new int[parts + 1];
        for (var i = 1; i <= parts; i++) bounds[i] = (int)(rows * i / parts);
        return bounds;
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

    /// <summary>
    /// Whether <see cref="SiluAndMul"/> can take this input: a decode-sized product, no bias and an
    /// even row count (the weight is [gate | up]).
    /// </summary>
    public bool GatesSilu(Tensor input) => UsesMatVec(input) && _bias is null && _weight.shape[0] % 2 == 0;

    /// <summary>
    /// silu(x·Gᵀ) · (x·Uᵀ) for a weight stacked as [G | U], in one worker pass: each worker computes
    /// the same slice of gate and up rows and applies the activation to it, so the activation needs
    /// no pass (or hand-off) of its own. Every row's dot product and the activation's formula are the
    /// ones the separate product and <see cref="CpuKernels.SiluAndMul(Tensor)"/> use: results agree bitwise.
    /// </summary>
    public Tensor SiluAndMul(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.contiguous();
        var (inputs, k, n) = ((int)x.shape[0], (int)x.shape[1], _weight.shape[0]);
        var half = (int)(n / 2);
        var gateUp = empty([inputs, n], ScalarType.Float32);
        var output = empty([inputs, half], ScalarType.Float32);
        float* w = CpuKernels.Pointer(_weight), xp = CpuKernels.Pointer(x), g = CpuKernels.Pointer(gateUp), y = CpuKernels.Pointer(output);
        _workers.Run(i =>
        {
            int first = _halfBounds[i], last = _halfBounds[i + 1];
            CpuMatVec.Multiply(w, xp, g, inputs, k, n, first, last);
            CpuMatVec.Multiply(w, xp, g, inputs, k, n, half + first, half + last);
            for (var m = 0; m < inputs; m++)
            {
                var gate = g + (long)m * n;
                CpuKernels.SiluAndMul(gate, gate + half, y + (long)m * half, first, last);
            }
        });
        return output.MoveToOuterDisposeScope();
    }

    private Tensor SplitProduct(Tensor input)
    {
        if (_slices.Length == 1) return nn.functional.linear(input, _weight, _bias);
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
