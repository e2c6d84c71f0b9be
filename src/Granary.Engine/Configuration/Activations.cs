namespace Granary.Engine.Configuration;

/// <summary>The MLP activations the engine implements, by HF's ACT2FN names.</summary>
internal static class Activations
{
    public const string Silu = "silu";

    /// <summary>GELU with the tanh approximation (Gemma's <c>gelu_pytorch_tanh</c>).</summary>
    public const string GeluTanh = "gelu_pytorch_tanh";

    public static readonly IReadOnlyList<string> Supported = [Silu, GeluTanh];
}
