using System.Text.Json.Nodes;
using Granary.Engine.Configuration;
using Granary.Engine.Models;
using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>
/// Writes a random-weight model folder for any supported HF config (e.g. Llama-3.2-1B's shape), so
/// benchmarks and tests need no download. Weights ~ N(0, std²), norm weights 1 (like HF's init), or
/// 1 + N(0, normStd²) so tests see each norm's weight matter. The tensor names are whatever the
/// architecture's modules load, so every family's checkpoint layout is written.
/// </summary>
internal static class RandomModelWriter
{
    public static void Write(JsonObject config, string directory, ScalarType dtype, long seed = 0, double? std = null, double normStd = 0)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "config.json"), config.ToJsonString(new() { WriteIndented = true }));
        var modelConfig = ModelRegistry.ReadConfig(JsonConfig.Load(Path.Combine(directory, "config.json")));
        var deviation = std ?? (double?)config["initializer_range"] ?? 0.02;

        var recorder = new ShapeRecorder();
        using (no_grad())
        using (ModelRegistry.Create(modelConfig, new WeightLoader(recorder, dtype, ShapeRecorder.Meta)))
        {
        }

        using var generator = new Generator((ulong)seed);
        SafetensorsWriter.Write(Path.Combine(directory, "model.safetensors"), recorder.Specs, spec =>
        {
            using var scope = NewDisposeScope();
            var values = spec.Name.EndsWith("norm.weight", StringComparison.Ordinal)
                ? ones(spec.Shape, ScalarType.Float32) + randn(spec.Shape, ScalarType.Float32, generator: generator) * normStd
                : randn(spec.Shape, ScalarType.Float32, generator: generator) * deviation;
            return values.to(spec.Dtype).MoveToOuterDisposeScope();
        });
    }
}
