using Granary.Engine.Attention;
using Granary.Engine.Loading;
using Granary.Engine.Models;
using Granary.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Models;

/// <summary>
/// The embeddings input beside the token ids: what a vision tower's features are spliced into.
/// Rows given as embeddings must act exactly like the tokens they embed, family scaling included.
/// </summary>
public sealed class InputEmbeddingsTests
{
    private static readonly long[] Ids = [5, 9, 1, 33, 17, 2];

    [Theory]
    [InlineData("llama_mha_linear_rope_tied")]
    [InlineData("gemma2_softcaps_window_head_dim_16")]
    [InlineData("phi3_longrope_short_factors_window_5")]
    public void A_spliced_embedding_row_acts_as_the_token_it_embeds(string variant)
    {
        using var dir = new TempDirectory();
        RandomModelWriter.Write(TinyConfigs.All[variant](), dir.Path, ScalarType.Float32, seed: 3, std: 0.3);
        using var model = ModelLoader.Load(dir.Path);
        using var noGrad = no_grad();

        var spliced = Ids.ToArray();
        spliced[2] = 40;
        float[] fromSplicedIds, fromSplicedEmbeddings;
        using (var runner = new Runner(model)) fromSplicedIds = Forward(model, runner, spliced, embeddings: null);
        using (var runner = new Runner(model))
        {
            using var original = model.Model.EmbedInputIds(tensor(Ids, ScalarType.Int64));
            using var replacement = model.Model.EmbedInputIds(tensor(new long[] { 40 }, ScalarType.Int64));
            var embeddings = original.clone();
            embeddings[2] = replacement[0];
            fromSplicedEmbeddings = Forward(model, runner, Ids, embeddings);
        }

        Assert.Equal(fromSplicedIds, fromSplicedEmbeddings);
    }

    private static float[] Forward(LoadedModel model, Runner runner, long[] ids, Tensor? embeddings)
    {
        var slice = new SequenceSlice(0, ids.Length, ids.Length, runner.Blocks(ids.Length));
        using var batch = new ForwardBatch(tensor(ids, ScalarType.Int64), arange(ids.Length, dtype: ScalarType.Int64),
            new AttentionMetadata([slice], runner.Cache.BlockSize, model.Device), runner.Cache, embeddings);
        using var hidden = model.Model.Forward(batch);
        using var logits = model.Model.ComputeLogits(hidden);
        return logits.data<float>().ToArray();
    }
}
