using System.Net;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;
using static Granary.Testing.ScriptedInference.Scripts;

namespace Granary.Api.Tests.Endpoints;

public sealed class CompletionsEndpointTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Fact]
    public async Task Answers_a_whole_completion_field_by_field()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"Once upon a time","max_tokens":64}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.StartsWith("cmpl-", body.GetProperty("id").GetString());
        Assert.Equal("text_completion", body.GetProperty("object").GetString());
        Assert.True(body.GetProperty("created").GetInt64() > 1_700_000_000);
        Assert.Equal(Model, body.GetProperty("model").GetString());
        var choice = Assert.Single(body.GetProperty("choices").EnumerateArray());
        Assert.Equal(0, choice.GetProperty("index").GetInt32());
        Assert.Equal("Hello world", choice.GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("logprobs").ValueKind);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
        Assert.Equal(JsonValueKind.Null, choice.GetProperty("stop_reason").ValueKind);
        Assert.Equal((7, 2, 9), (body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32(),
            body.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), body.GetProperty("usage").GetProperty("total_tokens").GetInt32()));

        var request = Assert.Single(host.Client.Calls).Request;
        Assert.Equal("Once upon a time", request.Prompt.Text);
        Assert.True(request.Prompt.AddSpecialTokens);
        Assert.Equal(64, request.Sampling.MaxTokens);
        Assert.True(request.Sampling.MaxTokensExplicit);
        Assert.False(request.ReturnPrompt);
    }

    [Fact]
    public async Task Several_prompts_become_one_engine_request_each_with_prompt_major_indexes()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (request, ct) => Play(
        [
            Prompt(request.Prompt.Text == "first" ? 3 : 4),
            Delta(0, $"{request.Prompt.Text}-0", 1), Finish(0, 1),
            Delta(1, $"{request.Prompt.Text}-1", 1), Delta(1, "!", 2), Finish(1, 2, FinishReason.Length),
        ], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/completions",
            $$"""{"model":"{{Model}}","prompt":["first","second"],"n":2}""")).JsonAsync();

        var choices = body.GetProperty("choices").EnumerateArray().ToArray();
        Assert.Equal([0, 1, 2, 3], choices.Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(["first-0", "first-1!", "second-0", "second-1!"], choices.Select(c => c.GetProperty("text").GetString()));
        Assert.Equal(["stop", "length", "stop", "length"], choices.Select(c => c.GetProperty("finish_reason").GetString()));
        // Prompt tokens once per prompt (3 + 4), completion tokens over all four choices.
        Assert.Equal(7, body.GetProperty("usage").GetProperty("prompt_tokens").GetInt32());
        Assert.Equal(6, body.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(2, host.Client.Calls.Count);
        Assert.Equal(2, Assert.Single(host.Client.Calls.Select(c => c.Request.Sampling.N).Distinct()));
        Assert.Equal(2, host.Client.Calls.Select(c => c.Request.RequestId).Distinct().Count());
    }

    [Theory]
    [InlineData("[1, 2, 3]", new[] { 3 })]
    [InlineData("[[1, 2], [3]]", new[] { 2, 1 })]
    public async Task Token_id_prompts_are_passed_as_ids(string prompt, int[] lengths)
    {
        await using var host = await ApiHost.StartAsync();
        await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":{{prompt}}}""");

        var prompts = host.Client.Calls.Select(c => c.Request.Prompt).OrderByDescending(p => p.TokenIds!.Length).ToArray();
        Assert.All(prompts, p => Assert.Null(p.Text));
        Assert.Equal(lengths, prompts.Select(p => p.TokenIds!.Length));
    }

    [Fact]
    public async Task Echo_with_logprobs_prepends_the_prompt_and_its_logprobs()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Detokenize = ids => ids.SequenceEqual([1]) ? "<s>" : "?";
        host.Client.Generate = (_, ct) => Play(
        [
            Prompt(3, text: "<s>Hi there", ids: [1, 2, 3], logprobs: [null, Logprob(2, "Hi", -4, (5, "Hello", -1)), Logprob(3, " there", -2, (6, " you", -0.5))]),
            Delta(0, "!", 4, [Logprob(4, "!", -0.1, (4, "!", -0.1), (7, ".", -2.5))]),
            Finish(0, 1),
        ], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/completions",
            $$"""{"model":"{{Model}}","prompt":[1,2,3],"echo":true,"logprobs":1,"max_tokens":1}""")).JsonAsync();

        var request = Assert.Single(host.Client.Calls).Request;
        Assert.True(request.ReturnPrompt);
        Assert.Equal((1, 1), (request.Sampling.Logprobs, request.Sampling.PromptLogprobs));
        var choice = body.GetProperty("choices")[0];
        Assert.Equal("<s>Hi there!", choice.GetProperty("text").GetString());
        var logprobs = choice.GetProperty("logprobs");
        Assert.Equal(["<s>", "Hi", " there", "!"], logprobs.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([null, -4.0, -2.0, -0.1], logprobs.GetProperty("token_logprobs").EnumerateArray().Select(t => t.ValueKind == JsonValueKind.Null ? (double?)null : t.GetDouble()));
        Assert.Equal(JsonValueKind.Null, logprobs.GetProperty("top_logprobs")[0].ValueKind);
        Assert.Equal("""{"Hi":-4,"Hello":-1}""", logprobs.GetProperty("top_logprobs")[1].GetRawText());
        Assert.Equal("""{"!":-0.1}""", logprobs.GetProperty("top_logprobs")[3].GetRawText());
        Assert.Equal([0, 3, 5, 11], logprobs.GetProperty("text_offset").EnumerateArray().Select(o => o.GetInt32()));
        Assert.Equal([1], Assert.Single(host.Client.DetokenizeCalls).Ids);
    }

    [Fact]
    public async Task Echoed_logprob_offsets_index_the_returned_text_when_it_omits_the_bos()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Detokenize = ids => ids.SequenceEqual([128000]) ? "<|begin_of_text|>" : "?";
        host.Client.Generate = (_, ct) => Play(
        [
            Prompt(3, text: "Hi there", ids: [128000, 2, 3], logprobs: [null, Logprob(2, "Hi", -4), Logprob(3, " there", -2)]),
            Delta(0, "!", 4, [Logprob(4, "!", -0.1)]),
            Finish(0, 1),
        ], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/completions",
            $$"""{"model":"{{Model}}","prompt":"Hi there","echo":true,"logprobs":0,"max_tokens":1}""")).JsonAsync();

        var choice = body.GetProperty("choices")[0];
        var text = choice.GetProperty("text").GetString()!;
        Assert.Equal("Hi there!", text);
        var tokens = choice.GetProperty("logprobs").GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToArray();
        var offsets = choice.GetProperty("logprobs").GetProperty("text_offset").EnumerateArray().Select(o => o.GetInt32()).ToArray();
        Assert.Equal([0, 0, 2, 8], offsets);
        // Every token the text contains starts at its offset; the BOS it omits is zero-width at 0.
        Assert.All(tokens.Zip(offsets).Skip(1), p => Assert.Equal(p.First, text.Substring(p.Second, p.First.Length)));
        Assert.All(offsets, o => Assert.InRange(o, 0, text.Length));
    }

    [Fact]
    public async Task Logprobs_zero_lists_the_chosen_token_only()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Prompt(1), Delta(0, "a", 4, [Logprob(4, "a", -0.3, (5, "b", -0.2))]), Finish(0, 1)], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x","logprobs":0}""")).JsonAsync();

        var logprobs = body.GetProperty("choices")[0].GetProperty("logprobs");
        Assert.Equal("""{"a":-0.3}""", logprobs.GetProperty("top_logprobs")[0].GetRawText());
        Assert.Equal(0, Assert.Single(host.Client.Calls).Request.Sampling.Logprobs);
        Assert.Null(Assert.Single(host.Client.Calls).Request.Sampling.PromptLogprobs);
    }

    [Fact]
    public async Task Return_tokens_as_token_ids_renders_logprob_tokens_as_ids()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Prompt(1), Delta(0, "a", 4, [Logprob(4, "a", -0.3, (5, "b", -0.2))]), Finish(0, 1)], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/completions",
            $$"""{"model":"{{Model}}","prompt":"x","logprobs":1,"return_tokens_as_token_ids":true}""")).JsonAsync();

        var logprobs = body.GetProperty("choices")[0].GetProperty("logprobs");
        Assert.Equal("token_id:4", logprobs.GetProperty("tokens")[0].GetString());
        Assert.Equal("""{"token_id:4":-0.3,"token_id:5":-0.2}""", logprobs.GetProperty("top_logprobs")[0].GetRawText());
    }

    [Fact]
    public async Task Prompt_logprobs_are_returned_per_choice_keyed_by_token_id()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, ct) => Play(
            [Prompt(2, ids: [1, 2], logprobs: [null, Logprob(2, "Hi", -4, (5, "Hello", -1), (2, "Hi", -4))]), Delta(0, "!", 3), Finish(0, 1)], ct);
        var body = await (await host.Http.PostJsonAsync("/v1/completions",
            $$"""{"model":"{{Model}}","prompt":"Hi","prompt_logprobs":2}""")).JsonAsync();

        Assert.Equal(2, Assert.Single(host.Client.Calls).Request.Sampling.PromptLogprobs);
        var promptLogprobs = body.GetProperty("choices")[0].GetProperty("prompt_logprobs");
        Assert.Equal(JsonValueKind.Null, promptLogprobs[0].ValueKind);
        Assert.Equal("""{"2":{"logprob":-4,"rank":2,"decoded_token":"Hi"},"5":{"logprob":-1,"rank":1,"decoded_token":"Hello"}}""", promptLogprobs[1].GetRawText());
    }

    [Fact]
    public async Task Vllm_extensions_map_to_sampling_params()
    {
        await using var host = await ApiHost.StartAsync();
        await host.Http.PostJsonAsync("/v1/completions", $$"""
            {"model":"{{Model}}","prompt":"x","temperature":0,"top_p":0.9,"top_k":-1,"min_p":0.05,"repetition_penalty":1.1,
             "presence_penalty":0.5,"frequency_penalty":-0.5,"seed":42,"stop":"END","stop_token_ids":[7,8],"min_tokens":2,"max_tokens":9,
             "ignore_eos":true,"include_stop_str_in_output":true,"skip_special_tokens":false,"spaces_between_special_tokens":false,
             "logit_bias":{"50256":-100},"add_special_tokens":false,"best_of":1,"user":"u1","echo":false}
            """);

        var request = Assert.Single(host.Client.Calls).Request;
        var s = request.Sampling;
        Assert.Equal((0.0, 0.9, 0, 0.05, 1.1), (s.Temperature, s.TopP, s.TopK, s.MinP, s.RepetitionPenalty));
        Assert.Equal((0.5, -0.5, 42L, 2, 9), (s.PresencePenalty, s.FrequencyPenalty, s.Seed!.Value, s.MinTokens, s.MaxTokens));
        Assert.Equal(["END"], s.Stop);
        Assert.Equal([7, 8], s.StopTokenIds);
        Assert.True(s.IgnoreEos && s.IncludeStopStringInOutput && s.MaxTokensExplicit);
        Assert.False(s.SkipSpecialTokens || s.SpacesBetweenSpecialTokens);
        Assert.Equal(-100, s.LogitBias![50256]);
        Assert.False(request.Prompt.AddSpecialTokens);
    }
}
