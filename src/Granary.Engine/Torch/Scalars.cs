using TorchSharp;

namespace Granary.Engine.Torch;

/// <summary>
/// Scalars the step's tensor ops take, rooted for the process: an implicitly converted temporary can
/// be finalized while libtorch still reads it (seen as "toFloat" check failures under GC pressure).
/// </summary>
internal static class Scalars
{
    public static readonly Scalar One = 1.0.ToScalar();

    public static readonly Scalar MinusInfinity = float.NegativeInfinity.ToScalar();
}
