using Granary.Engine.Loading;

namespace Granary.Engine.Tests.Support;

/// <summary>golden_logits.safetensors: logits_i = float32 [seq, vocab] from HF for prompt i.</summary>
internal static class GoldenLogits
{
    public static (float[] Values, long[] Shape) Read(string model, int index)
    {
        using var file = SafetensorsFile.Open(Path.Combine(Fixtures.Model(model), "golden_logits.safetensors"));
        using var tensor = file.Read(file.Tensors[$"logits_{index}"]);
        return (tensor.data<float>().ToArray(), tensor.shape);
    }

    /// <summary>max |a - b| / max |b|, the tolerance measure.</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        if (actual.Length != expected.Length) throw new ArgumentException($"{actual.Length} values vs {expected.Length}");
        double maxDiff = 0, maxRef = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            maxDiff = Math.Max(maxDiff, Math.Abs(actual[i] - (double)expected[i]));
            maxRef = Math.Max(maxRef, Math.Abs((double)expected[i]));
        }
        return maxDiff / maxRef;
    }
}
