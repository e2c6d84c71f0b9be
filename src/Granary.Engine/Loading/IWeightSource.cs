using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>Where model parameters come from: a checkpoint on disk, or random initialisation.</summary>
internal interface IWeightSource
{
    bool Contains(string name);

    /// <summary>The tensor named <paramref name="name"/>, checked against <paramref name="expectedShape"/>, in dtype on device.</summary>
    Tensor Load(string name, long[] expectedShape, ScalarType dtype, Device device);
}
