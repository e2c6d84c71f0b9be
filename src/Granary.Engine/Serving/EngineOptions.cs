namespace Granary.Engine.Serving;

/// <summary>How to load and run one model replica.</summary>
public sealed record EngineOptions
{
    /// <summary>A Hugging Face model folder: config.json, *.safetensors, tokenizer.json, chat template.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The name clients use; defaults to the folder name.</summary>
    public string? ServedName { get; init; }

    public string Device { get; init; } = "cpu";

    /// <summary>auto | float32 | float16 | bfloat16.</summary>
    public string Dtype { get; init; } = "auto";

    /// <summary>Context window; defaults to the model's max_position_embeddings.</summary>
    public int? MaxModelLength { get; init; }

    /// <summary>Memory for the paged KV cache; by default a share of free memory (see <see cref="MemoryFraction"/>).</summary>
    public long? KvCacheBytes { get; init; }

    /// <summary>Share of the device's free memory the KV cache may take when <see cref="KvCacheBytes"/> is not set.</summary>
    public double MemoryFraction { get; init; } = 0.25;

    public int BlockSize { get; init; } = 16;

    public int MaxNumSequences { get; init; } = 256;

    /// <summary>Tokens per forward pass; defaults to 512 on the CPU and 8192 on CUDA.</summary>
    public int? MaxNumBatchedTokens { get; init; }

    public bool EnablePrefixCaching { get; init; } = true;

    /// <summary>CPU threads for libtorch; null keeps its default (one per core).</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// How the model writes tool calls: auto (detected from the chat template in use), hermes,
    /// llama3_json, or none (tools reach the template, but calls are not parsed and tool_choice other
    /// than none is refused).
    /// </summary>
    public string ToolCallFormat { get; init; } = "auto";

    /// <summary>The largest encoded image (PNG, JPEG…) a vision model's prompt may carry.</summary>
    public long MaxImageBytes { get; init; } = 20L << 20;

    public string Name => ServedName ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(ModelPath)));
}
