using Granary.Serving.Requests;

namespace Granary.Serving.Tests.Requests;

public sealed class SamplingFieldsTests
{
    [Fact]
    public void Absent_fields_take_nim_defaults_and_leave_max_tokens_to_the_engine()
    {
        var sampling = new SamplingFields().ToSamplingParams(logprobs: null, promptLogprobs: null);

        Assert.Equal((1, 0.2, 0.7, 1024, false), (sampling.N, sampling.Temperature, sampling.TopP, sampling.MaxTokens, sampling.MaxTokensExplicit));
        Assert.Equal((0, 0.0, 0.0, 0.0, 1.0), (sampling.TopK, sampling.MinP, sampling.PresencePenalty, sampling.FrequencyPenalty, sampling.RepetitionPenalty));
        Assert.True(sampling.SkipSpecialTokens && sampling.SpacesBetweenSpecialTokens);
        Assert.False(sampling.IgnoreEos || sampling.IncludeStopStringInOutput);
        Assert.Null(sampling.Seed);
        Assert.Null(sampling.LogitBias);
        Assert.Empty(sampling.Stop);
    }

    [Fact]
    public void Given_fields_map_one_to_one()
    {
        var fields = new SamplingFields
        {
            N = 3, Temperature = 1.3, TopP = 0.5, TopK = 40, MinP = 0.1, PresencePenalty = 1, FrequencyPenalty = -1,
            RepetitionPenalty = 1.2, Seed = 7, MaxTokens = 5, MinTokens = 2, Stop = ["x"], StopTokenIds = [9], IgnoreEos = true,
            IncludeStopStrInOutput = true, SkipSpecialTokens = false, SpacesBetweenSpecialTokens = false, LogitBias = new() { [1] = 5 },
        };

        var s = fields.ToSamplingParams(logprobs: 3, promptLogprobs: 2);

        Assert.Equal((3, 1.3, 0.5, 40, 0.1), (s.N, s.Temperature, s.TopP, s.TopK, s.MinP));
        Assert.Equal((1.0, -1.0, 1.2, 7L), (s.PresencePenalty, s.FrequencyPenalty, s.RepetitionPenalty, s.Seed!.Value));
        Assert.Equal((5, true, 2), (s.MaxTokens, s.MaxTokensExplicit, s.MinTokens));
        Assert.Equal(["x"], s.Stop);
        Assert.Equal([9], s.StopTokenIds);
        Assert.True(s.IgnoreEos && s.IncludeStopStringInOutput);
        Assert.False(s.SkipSpecialTokens || s.SpacesBetweenSpecialTokens);
        Assert.Equal((3, 2), (s.Logprobs!.Value, s.PromptLogprobs!.Value));
        Assert.Equal(5, s.LogitBias![1]);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public void Top_k_minus_one_or_zero_means_off(int wire, int engine) =>
        Assert.Equal(engine, new SamplingFields { TopK = wire }.ToSamplingParams(null, null).TopK);
}
