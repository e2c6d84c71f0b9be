using Granary.Engine.Models.Layers;
using static TorchSharp.torch;

namespace Granary.Engine.Models.Clip;

/// <summary>CLIPVisionEmbeddings: a strided conv per patch, the class embedding first, learned positions added.</summary>
internal sealed class ClipVisionEmbeddings : IDisposable
{
    private readonly Tensor _classEmbedding;
    private readonly Tensor _patchEmbedding;
    private readonly Tensor _positionEmbedding;
    private readonly int _patchSize;

    public ClipVisionEmbeddings(WeightLoader weights, string prefix, ClipVisionConfig config)
    {
        _patchSize = config.PatchSize;
        _classEmbedding = weights.Load($"{prefix}.class_embedding", config.HiddenSize);
        _patchEmbedding = weights.Load($"{prefix}.patch_embedding.weight", config.HiddenSize, config.NumChannels, config.PatchSize, config.PatchSize);
        _positionEmbedding = weights.Load($"{prefix}.position_embedding.weight", config.NumPatches + 1, config.HiddenSize);
    }

    /// <param name="pixelValues">[images, 3, size, size] in the weights' dtype.</param>
    /// <returns>[images, patches + 1, hidden].</returns>
    public Tensor Forward(Tensor pixelValues)
    {
        using var scope = NewDisposeScope();
        var patches = nn.functional.conv2d(pixelValues, _patchEmbedding, strides: [_patchSize, _patchSize]);
        patches = patches.flatten(2).transpose(1, 2);
        var cls = _classEmbedding.expand(patches.shape[0], 1, -1);
        return (cat([cls, patches], 1) + _positionEmbedding).MoveToOuterDisposeScope();
    }

    public void Dispose()
    {
        _classEmbedding.Dispose();
        _patchEmbedding.Dispose();
        _positionEmbedding.Dispose();
    }
}
