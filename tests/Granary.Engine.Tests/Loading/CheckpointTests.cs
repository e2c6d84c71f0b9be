using System.Text.Json.Nodes;
using Granary.Engine.Generation;
using Granary.Engine.Loading;
using Granary.Engine.Tests.Support;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Loading;

public sealed class CheckpointTests
{
    private static readonly int[] Prompt = Fixtures.Golden("tiny-llama3")[1].Ids;

    [Fact]
    public void Sharded_checkpoint_with_index_loads_the_same_model()
    {
        using var dir = CopyFixture("tiny-llama3");
        Reshard(dir.Path, shards: 3);

        Assert.False(File.Exists(dir.File("model.safetensors")));
        Assert.Equal(LogitsOf(Fixtures.Model("tiny-llama3")), LogitsOf(dir.Path));
    }

    [Theory]
    [InlineData(ScalarType.BFloat16, 2e-2)]
    [InlineData(ScalarType.Float16, 2e-3)]
    public void Half_precision_checkpoints_load_and_upcast_on_the_cpu(ScalarType dtype, double tolerance)
    {
        using var dir = CopyFixture("tiny-llama3");
        Rewrite(dir.Path, t => t.to(dtype));

        using var model = ModelLoader.Load(dir.Path);
        Assert.Equal(ScalarType.Float32, model.Dtype);
        var (expected, _) = GoldenLogits.Read("tiny-llama3", 1);
        Assert.InRange(GoldenLogits.RelativeError(LogitsOf(dir.Path, allLogits: true), expected), 0, tolerance);
    }

    [Fact]
    public void Untied_model_uses_its_own_lm_head()
    {
        using var dir = CopyFixture("tiny-llama3");
        EditConfig(dir.Path, c => c["tie_word_embeddings"] = false);
        Rewrite(dir.Path, t => t, extra: ("lm_head.weight", "model.embed_tokens.weight"));

        Assert.Equal(LogitsOf(Fixtures.Model("tiny-llama3")), LogitsOf(dir.Path));
    }

    [Fact]
    public void Untied_model_without_lm_head_names_the_tensor()
    {
        using var dir = CopyFixture("tiny-llama3");
        EditConfig(dir.Path, c => c["tie_word_embeddings"] = false);

        var error = Assert.Throws<ModelLoadException>(() => ModelLoader.Load(dir.Path));
        Assert.Contains("lm_head.weight", error.Message);
    }

    [Fact]
    public void Missing_tensor_is_named()
    {
        using var dir = CopyFixture("tiny-qwen3");
        Rewrite(dir.Path, t => t, drop: "model.layers.1.self_attn.k_norm.weight");

        var error = Assert.Throws<ModelLoadException>(() => ModelLoader.Load(dir.Path));
        Assert.Contains("model.layers.1.self_attn.k_norm.weight", error.Message);
    }

    [Fact]
    public void Shape_mismatch_names_tensor_and_shapes()
    {
        using var dir = CopyFixture("tiny-llama3");
        EditConfig(dir.Path, c => c["intermediate_size"] = 128);

        var error = Assert.Throws<ModelLoadException>(() => ModelLoader.Load(dir.Path));
        Assert.Contains("model.layers.0.mlp.gate_proj.weight", error.Message);
        Assert.Contains("[160, 64]", error.Message);
        Assert.Contains("[128, 64]", error.Message);
    }

    [Fact]
    public void Unsupported_dtype_is_named()
    {
        using var dir = CopyFixture("tiny-llama3");
        Rewrite(dir.Path, t => t, patchHeader: h => h.Replace("\"F32\"", "\"I8\" "));

        var error = Assert.Throws<ModelLoadException>(() => ModelLoader.Load(dir.Path));
        Assert.Contains("I8", error.Message);
        Assert.Contains("F32, F16, BF16", error.Message);
    }

    [Fact]
    public void Unsupported_architecture_lists_the_supported_ones()
    {
        using var dir = CopyFixture("tiny-llama3");
        EditConfig(dir.Path, c => c["architectures"] = new JsonArray("GPT2LMHeadModel"));

        var error = Assert.Throws<ModelLoadException>(() => ModelLoader.Load(dir.Path));
        Assert.Contains("GPT2LMHeadModel", error.Message);
        foreach (var supported in new[] { "LlamaForCausalLM", "MistralForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM" })
            Assert.Contains(supported, error.Message);
    }

    [Fact]
    public void Missing_files_are_named()
    {
        using var empty = new TempDirectory();
        Assert.Contains("config.json", Assert.Throws<ModelLoadException>(() => ModelLoader.Load(empty.Path)).Message);

        using var dir = CopyFixture("tiny-llama3");
        Reshard(dir.Path, shards: 2);
        File.Delete(dir.File("model-00002-of-00002.safetensors"));
        Assert.Contains("model-00002-of-00002.safetensors", Assert.Throws<ModelLoadException>(() => ModelLoader.Load(dir.Path)).Message);
    }

    private static float[] LogitsOf(string directory, bool allLogits = false)
    {
        using var model = ModelLoader.Load(directory);
        using var runner = new Runner(model);
        return runner.Logits([new ScheduledChunk(Prompt, 0, runner.Blocks(Prompt.Length), allLogits)]);
    }

    private static TempDirectory CopyFixture(string name)
    {
        var dir = new TempDirectory();
        foreach (var file in Directory.GetFiles(Fixtures.Model(name)))
            File.Copy(file, dir.File(Path.GetFileName(file)));
        return dir;
    }

    private static void EditConfig(string directory, Action<JsonObject> edit)
    {
        var path = Path.Combine(directory, "config.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(config);
        File.WriteAllText(path, config.ToJsonString());
    }

    /// <summary>Rewrites model.safetensors through a transform, optionally copying or dropping tensors.</summary>
    private static void Rewrite(string directory, Func<Tensor, Tensor> transform, (string Name, string From)? extra = null,
        string? drop = null, Func<string, string>? patchHeader = null)
    {
        var path = Path.Combine(directory, "model.safetensors");
        var tensors = ReadAll(path);
        File.Delete(path);
        if (extra is { } e) tensors[e.Name] = tensors[e.From].clone();
        if (drop is not null) tensors.Remove(drop);
        var transformed = tensors.ToDictionary(p => p.Key, p => transform(p.Value));
        var specs = transformed.Select(p => new TensorSpec(p.Key, p.Value.shape, p.Value.dtype)).ToArray();
        SafetensorsWriter.Write(path, specs, s => transformed[s.Name].alias());
        if (patchHeader is not null) PatchHeader(path, patchHeader);
    }

    private static void Reshard(string directory, int shards)
    {
        var path = Path.Combine(directory, "model.safetensors");
        var tensors = ReadAll(path);
        File.Delete(path);
        var names = tensors.Keys.Order().ToArray();
        var map = new JsonObject();
        for (var s = 0; s < shards; s++)
        {
            var file = $"model-{s + 1:D5}-of-{shards:D5}.safetensors";
            var mine = names.Where((_, i) => i % shards == s).ToArray();
            SafetensorsWriter.Write(Path.Combine(directory, file),
                mine.Select(n => new TensorSpec(n, tensors[n].shape, tensors[n].dtype)).ToArray(), spec => tensors[spec.Name].alias());
            foreach (var n in mine) map[n] = file;
        }
        File.WriteAllText(Path.Combine(directory, "model.safetensors.index.json"), new JsonObject { ["weight_map"] = map }.ToJsonString());
    }

    private static Dictionary<string, Tensor> ReadAll(string path)
    {
        using var file = SafetensorsFile.Open(path);
        return file.Tensors.Values.ToDictionary(i => i.Name, file.Read);
    }

    private static void PatchHeader(string path, Func<string, string> patch)
    {
        var bytes = File.ReadAllBytes(path);
        var length = (int)BitConverter.ToInt64(bytes, 0);
        var header = System.Text.Encoding.UTF8.GetString(bytes, 8, length);
        var patched = System.Text.Encoding.UTF8.GetBytes(patch(header));
        Assert.Equal(length, patched.Length);
        patched.CopyTo(bytes, 8);
        File.WriteAllBytes(path, bytes);
    }
}
