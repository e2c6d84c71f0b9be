using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Grpc.Core;

namespace Granary.Grpc.Tests.Validation;

public sealed class SamplingValidationTests
{
    private static readonly Dictionary<string, (Action<SamplingParameters> Set, string Field, string Code)> Cases = new()
    {
        ["n zero"] = (s => s.N = 0, "sampling.n", "integer_below_min_value"),
        ["n above 128"] = (s => s.N = 129, "sampling.n", "integer_above_max_value"),
        ["temperature negative"] = (s => s.Temperature = -0.1, "sampling.temperature", "decimal_below_min_value"),
        ["temperature above 2"] = (s => s.Temperature = 2.5, "sampling.temperature", "decimal_above_max_value"),
        ["temperature NaN"] = (s => s.Temperature = double.NaN, "sampling.temperature", "invalid_value"),
        ["temperature infinite"] = (s => s.Temperature = double.PositiveInfinity, "sampling.temperature", "invalid_value"),
        ["top_p zero"] = (s => s.TopP = 0, "sampling.top_p", "decimal_below_min_value"),
        ["top_p above 1"] = (s => s.TopP = 1.01, "sampling.top_p", "decimal_above_max_value"),
        ["top_k below -1"] = (s => s.TopK = -2, "sampling.top_k", "integer_below_min_value"),
        ["min_p above 1"] = (s => s.MinP = 1.5, "sampling.min_p", "decimal_above_max_value"),
        ["min_p negative"] = (s => s.MinP = -0.5, "sampling.min_p", "decimal_below_min_value"),
        ["presence_penalty above 2"] = (s => s.PresencePenalty = 2.1, "sampling.presence_penalty", "decimal_above_max_value"),
        ["frequency_penalty below -2"] = (s => s.FrequencyPenalty = -2.1, "sampling.frequency_penalty", "decimal_below_min_value"),
        ["repetition_penalty zero"] = (s => s.RepetitionPenalty = 0, "sampling.repetition_penalty", "decimal_below_min_value"),
        ["repetition_penalty NaN"] = (s => s.RepetitionPenalty = double.NaN, "sampling.repetition_penalty", "invalid_value"),
        ["max_tokens zero"] = (s => s.MaxTokens = 0, "sampling.max_tokens", "integer_below_min_value"),
        ["min_tokens negative"] = (s => s.MinTokens = -1, "sampling.min_tokens", "integer_below_min_value"),
        ["min_tokens above max_tokens"] = (s => { s.MaxTokens = 4; s.MinTokens = 5; }, "sampling.min_tokens", "integer_above_max_value"),
        ["logprobs negative"] = (s => s.Logprobs = -1, "sampling.logprobs", "integer_below_min_value"),
        ["logprobs above 20"] = (s => s.Logprobs = 21, "sampling.logprobs", "integer_above_max_value"),
        ["logprobs above the memory bound"] = (s => { s.N = 128; s.MaxTokens = 400; s.Logprobs = 20; }, "sampling.logprobs", "logprobs_too_many"),
        ["stop token id negative"] = (s => s.StopTokenIds.Add([2, -1]), "sampling.stop_token_ids[1]", "integer_below_min_value"),
        ["logit_bias key negative"] = (s => s.LogitBias[-3] = 1, "sampling.logit_bias", "integer_below_min_value"),
        ["logit_bias above 100"] = (s => s.LogitBias[7] = 100.5, "sampling.logit_bias[7]", "decimal_above_max_value"),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Out_of_range_generate_fields_are_invalid_arguments_naming_the_field(string name)
    {
        var (set, field, code) = Cases[name];
        await using var host = await GrpcHost.StartAsync();
        var sampling = new SamplingParameters();
        set(sampling);

        var message = await RpcAssert.FailsAsync(() => host.Inference.Generate(Calls.Generate(sampling: sampling)).ReadAllAsync(),
            StatusCode.InvalidArgument, field, code);

        Assert.Contains($"'{field}'", message);
        Assert.Empty(host.Client.Calls);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Chat_checks_the_same_ranges(string name)
    {
        var (set, field, code) = Cases[name];
        await using var host = await GrpcHost.StartAsync();
        var sampling = new SamplingParameters();
        set(sampling);

        await RpcAssert.FailsAsync(() => host.Inference.Chat(Calls.Chat(sampling: sampling)).ReadAllAsync(),
            StatusCode.InvalidArgument, field, code);

        Assert.Empty(host.Client.Calls);
    }

    [Fact]
    public async Task Values_on_the_bounds_are_accepted()
    {
        await using var host = await GrpcHost.StartAsync();
        var sampling = new SamplingParameters
        {
            N = 128,
            Temperature = 2,
            TopP = 1,
            TopK = -1,
            MinP = 1,
            PresencePenalty = -2,
            FrequencyPenalty = 2,
            RepetitionPenalty = 0.01,
            MaxTokens = 1,
            MinTokens = 1,
            Logprobs = 20,
            StopTokenIds = { 0 },
            LogitBias = { [0] = -100 },
        };

        var messages = await host.Inference.Generate(Calls.Generate(sampling: sampling)).ReadAllAsync();

        Assert.Equal(GenerateResponse.EventOneofCase.End, messages[^1].EventCase);
    }
}
