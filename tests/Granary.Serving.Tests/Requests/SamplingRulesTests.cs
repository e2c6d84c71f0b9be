using Granary.Serving.Requests;

namespace Granary.Serving.Tests.Requests;

/// <summary>The rules both front ends apply; each names the field as its caller spelled it.</summary>
public sealed class SamplingRulesTests
{
    public static TheoryData<string, Action<string>, string> Violations => new()
    {
        { "n 0", f => SamplingRules.N(0, f), "integer_below_min_value" },
        { "n 129", f => SamplingRules.N(RequestLimits.MaxChoices + 1, f), "integer_above_max_value" },
        { "temperature 2.5", f => SamplingRules.Temperature(2.5, f), "decimal_above_max_value" },
        { "temperature NaN", f => SamplingRules.Temperature(double.NaN, f), "invalid_value" },
        { "top_p 0", f => SamplingRules.TopP(0, f), "decimal_below_min_value" },
        { "top_p 1.01", f => SamplingRules.TopP(1.01, f), "decimal_above_max_value" },
        { "top_p infinity", f => SamplingRules.TopP(double.PositiveInfinity, f), "invalid_value" },
        { "top_k -2", f => SamplingRules.TopK(-2, f), "integer_below_min_value" },
        { "min_p 1.5", f => SamplingRules.MinP(1.5, f), "decimal_above_max_value" },
        { "penalty -2.1", f => SamplingRules.Penalty(-2.1, f), "decimal_below_min_value" },
        { "repetition 0", f => SamplingRules.RepetitionPenalty(0, f), "decimal_below_min_value" },
        { "max_tokens 0", f => SamplingRules.MaxTokens(0, f), "integer_below_min_value" },
        { "min_tokens above max_tokens", f => SamplingRules.MinTokens(6, f, 5), "integer_above_max_value" },
        { "logprobs 21", f => SamplingRules.Logprobs(RequestLimits.MaxLogprobs + 1, f), "integer_above_max_value" },
        { "logprob volume", f => SamplingRules.LogprobVolume(128, 400, 20, f), "logprobs_too_many" },
        { "logprob volume at the default max_tokens", f => SamplingRules.LogprobVolume(64, null, 20, f), "logprobs_too_many" },
        { "logit_bias token -1", f => SamplingRules.LogitBiasToken(-1, f), "integer_below_min_value" },
        { "logit_bias 101", f => SamplingRules.LogitBias(101, f), "decimal_above_max_value" },
    };

    [Theory]
    [MemberData(nameof(Violations))]
    public void A_value_outside_its_range_names_the_field_and_code(string name, Action<string> rule, string code)
    {
        var error = Assert.Throws<InvalidRequestException>(() => rule("some.field"));

        Assert.Equal("some.field", error.Field);
        Assert.Equal(code, error.Code);
        Assert.Contains("'some.field'", error.Message);
        Assert.False(string.IsNullOrEmpty(name));
    }

    [Fact]
    public void Bounds_are_inclusive_where_the_rules_say_so_and_absent_values_pass()
    {
        SamplingRules.N(1, "n");
        SamplingRules.N(RequestLimits.MaxChoices, "n");
        SamplingRules.Temperature(0, "t");
        SamplingRules.Temperature(2, "t");
        SamplingRules.TopP(1, "p");
        SamplingRules.TopK(-1, "k");
        SamplingRules.Penalty(2, "p");
        SamplingRules.RepetitionPenalty(0.01, "r");
        SamplingRules.MinTokens(5, "m", 5);
        SamplingRules.MinTokens(int.MaxValue, "m", null);
        SamplingRules.Logprobs(RequestLimits.MaxLogprobs, "l");
        SamplingRules.LogitBias(-100, "b");
        SamplingRules.LogprobVolume(128, 390, 20, "l"); // 1,048,320 entries: just inside
        SamplingRules.LogprobVolume(128, 100_000, null, "l"); // no logprobs asked: no bound here
        SamplingRules.N(null, "n");
        SamplingRules.TopP(null, "p");
        SamplingRules.RepetitionPenalty(null, "r");
    }

    [Fact]
    public void Messages_are_worded_as_OpenAI_words_them()
    {
        var error = Assert.Throws<InvalidRequestException>(() => SamplingRules.N(200, "n"));
        Assert.Equal("Invalid 'n': integer above maximum value. Expected a value <= 128, but got 200 instead.", error.Message);

        var nucleus = Assert.Throws<InvalidRequestException>(() => SamplingRules.TopP(0, "top_p"));
        Assert.Equal("Invalid 'top_p': expected a value > 0 and <= 1, but got 0 instead.", nucleus.Message);
    }

    [Fact]
    public void Token_ids_are_named_by_index()
    {
        var error = Assert.Throws<InvalidRequestException>(() => Ranges.CheckTokenIds([3, 0, -4], "stop_token_ids"));

        Assert.Equal("stop_token_ids[2]", error.Field);
    }
}
