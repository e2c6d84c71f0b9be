using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>
/// A weight source that hands out data-less tensors on the meta device and records what was asked
/// for, in order: building a model against it lists the checkpoint an architecture expects.
/// </summary>
internal sealed class ShapeRecorder : IWeightSource
{
    private readonly List<TensorSpec> _specs = [];

    public static Device Meta { get; } = new("meta");

    public IReadOnlyList<TensorSpec> Specs => _specs;

    public bool Contains(string name) => true;

    public Tensor Load(string name, long[] expectedShape, ScalarType dtype, Device device)
    {
        _specs.Add(new TensorSpec(name, expectedShape, dtype));
        return empty(expectedShape, dtype, Meta);
    }
}
