using Granary.Engine.Loading;

namespace Granary.Engine.Tests.Support;

/// <summary>The fixture models, loaded once per test run (they are tiny and read-only).</summary>
internal static class TinyModels
{
    private static readonly Lazy<LoadedModel> Llama3 = new(() => ModelLoader.Load(Fixtures.Model("tiny-llama3")));
    private static readonly Lazy<LoadedModel> Qwen3 = new(() => ModelLoader.Load(Fixtures.Model("tiny-qwen3")));

    public static readonly string[] Names = ["tiny-llama3", "tiny-qwen3"];

    public static LoadedModel Get(string name) => name switch
    {
        "tiny-llama3" => Llama3.Value,
        "tiny-qwen3" => Qwen3.Value,
        _ => throw new ArgumentException(name),
    };
}
