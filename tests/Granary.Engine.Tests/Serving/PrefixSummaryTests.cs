using Granary.Engine.Abstractions;
using Granary.Engine.Serving;
using Granary.Engine.Tests.Support;

namespace Granary.Engine.Tests.Serving;

/// <summary>What a gateway computes from a prompt must match what the engine caches, or prefix routing misses.</summary>
public sealed class PrefixSummaryTests
{
    private static readonly PromptInput Chat = PromptInput.FromChat(new ChatPrompt
    {
        Messages =
        [
            new ChatMessage { Role = "system", Content = string.Join(" ", Enumerable.Range(0, 15).Select(i => $"rule {i}: answer briefly.")) },
            new ChatMessage { Role = "user", Content = "What is the capital of France?" },
        ],
    });

    [Fact]
    public async Task A_gateways_tokenizer_built_from_the_artifacts_encodes_as_the_engine_does()
    {
        using var engine = await EngineFixture.Start();
        var gateway = new PromptTokenizer(PromptTokenizer.ReadArtifacts(Fixtures.Model("tiny-llama3")));

        Assert.Equal(engine.Tokenize(Chat).Tokens, gateway.Encode(Chat));
        Assert.Equal(engine.Tokenize(PromptInput.FromText("plain text")).Tokens, gateway.Encode(PromptInput.FromText("plain text")));
    }

    [Fact]
    public async Task After_serving_a_prompt_the_engines_summary_holds_every_block_key_the_gateway_hashes_for_it()
    {
        using var engine = await EngineFixture.Start();
        var ids = new PromptTokenizer(PromptTokenizer.ReadArtifacts(Fixtures.Model("tiny-llama3"))).Encode(Chat)!;
        var keys = BlockHash.PromptKeys(ids, 16);
        Assert.True(keys.Length >= 10);
        Assert.DoesNotContain(engine.GetStats().Prefix?.Blocks ?? [], keys.Contains);

        await EngineFixture.Collect(engine, new GenerationRequest
        {
            RequestId = "summary",
            Prompt = Chat,
            Sampling = new SamplingParams { Temperature = 0, MaxTokens = 2, MaxTokensExplicit = true, IgnoreEos = true },
        });

        await EngineFixture.WaitUntil(() => engine.GetStats().Prefix is { } p && keys.All(p.Blocks.Contains));
        Assert.Equal(16, engine.GetStats().Prefix!.BlockSize);
    }
}
