using Granary.Engine.Configuration;
using Granary.Engine.Models;
using static TorchSharp.torch;

namespace Granary.Engine.Loading;

/// <summary>A model on its device, with the configs it was built from.</summary>
internal sealed class LoadedModel(CausalLM model, ModelConfig config, GenerationConfig generation, Device device, ScalarType dtype) : IDisposable
{
    public CausalLM Model { get; } = model;

    public ModelConfig Config { get; } = config;

    public GenerationConfig Generation { get; } = generation;

    public Device Device { get; } = device;

    public ScalarType Dtype { get; } = dtype;

    public void Dispose() => Model.Dispose();
}
