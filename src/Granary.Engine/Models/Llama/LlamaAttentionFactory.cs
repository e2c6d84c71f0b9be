using Granary.Engine.Configuration;
using Granary.Engine.Models.Layers;

namespace Granary.Engine.Models.Llama;

/// <summary>Builds layer <paramref name="layerIndex"/>'s attention from the weights under <paramref name="prefix"/>.</summary>
internal delegate LlamaAttention LlamaAttentionFactory(WeightLoader weights, string prefix, ModelConfig config, int layerIndex, WeightNames names);
