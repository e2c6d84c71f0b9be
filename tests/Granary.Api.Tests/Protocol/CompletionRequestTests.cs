using System.Text.Json;
using Granary.Api.Protocol;
using Granary.Api.Validation;

namespace Granary.Api.Tests.Protocol;

public sealed class CompletionRequestTests
{
    private static CompletionRequest Read(string json) => CompletionRequestReader.Read(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Each_prompt_becomes_an_engine_request_with_its_own_id()
    {
        var requests = Read("""{"model":"m","prompt":["a","b"],"n":3,"add_special_tokens":false}""").ToGenerationRequests("cmpl-9");

        Assert.Equal(["cmpl-9-0", "cmpl-9-1"], requests.Select(r => r.RequestId));
        Assert.Equal(["a", "b"], requests.Select(r => r.Prompt.Text));
        Assert.All(requests, r => Assert.Equal((3, false), (r.Sampling.N, r.Prompt.AddSpecialTokens)));
    }

    [Fact]
    public void A_single_prompt_keeps_the_response_id()
    {
        var request = Assert.Single(Read("""{"model":"m","prompt":[5,6]}""").ToGenerationRequests("cmpl-9"));

        Assert.Equal("cmpl-9", request.RequestId);
        Assert.Equal([5, 6], request.Prompt.TokenIds!);
    }

    [Theory]
    [InlineData("\"logprobs\":2", null)]
    [InlineData("\"echo\":true", null)]
    [InlineData("\"echo\":true,\"logprobs\":2", 2)]
    [InlineData("\"echo\":true,\"logprobs\":2,\"prompt_logprobs\":4", 4)]
    [InlineData("\"prompt_logprobs\":3", 3)]
    public void Prompt_logprobs_are_computed_for_echo_and_for_prompt_logprobs(string fields, int? expected)
    {
        var request = Read($$"""{"model":"m","prompt":"x",{{fields}}}""");

        var generation = Assert.Single(request.ToGenerationRequests("c"));
        Assert.Equal(expected, generation.Sampling.PromptLogprobs);
        Assert.Equal(request.Echo, generation.ReturnPrompt);
    }
}
