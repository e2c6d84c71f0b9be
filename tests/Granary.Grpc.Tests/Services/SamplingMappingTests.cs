using Granary.Engine.Abstractions;
using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;

namespace Granary.Grpc.Tests.Services;

public sealed class SamplingMappingTests
{
    [Fact]
    public async Task Unset_fields_take_the_NIM_defaults_as_over_HTTP()
    {
        await using var host = await GrpcHost.StartAsync();

        await host.Inference.Generate(Calls.Generate()).ReadAllAsync();

        var sampling = host.Client.Calls.Single().Request.Sampling;
        Assert.Equal(1, sampling.N);
        Assert.Equal(0.2, sampling.Temperature);
        Assert.Equal(0.7, sampling.TopP);
        Assert.Equal(1024, sampling.MaxTokens);
        Assert.False(sampling.MaxTokensExplicit);
        Assert.Equal(0, sampling.TopK);
        Assert.Equal(0, sampling.MinP);
        Assert.Equal(1.0, sampling.RepetitionPenalty);
        Assert.Equal(0, sampling.PresencePenalty);
        Assert.Equal(0, sampling.FrequencyPenalty);
        Assert.Null(sampling.Seed);
        Assert.Equal(0, sampling.MinTokens);
        Assert.Empty(sampling.Stop);
        Assert.Empty(sampling.StopTokenIds);
        Assert.False(sampling.IgnoreEos);
        Assert.False(sampling.IncludeStopStringInOutput);
        Assert.True(sampling.SkipSpecialTokens);
        Assert.True(sampling.SpacesBetweenSpecialTokens);
        Assert.Null(sampling.Logprobs);
        Assert.Null(sampling.PromptLogprobs);
        Assert.Null(sampling.LogitBias);
    }

    [Fact]
    public async Task Every_set_field_reaches_the_engine()
    {
        await using var host = await GrpcHost.StartAsync();
        var wire = new SamplingParameters
        {
            Temperature = 0,
            TopP = 0.95,
            TopK = 40,
            MinP = 0.05,
            MaxTokens = 64,
            N = 3,
            Seed = -7,
            Stop = { "\n\n", "", "END" },
            StopTokenIds = { 2, 128009 },
            PresencePenalty = 0.5,
            FrequencyPenalty = -0.5,
            RepetitionPenalty = 1.1,
            MinTokens = 4,
            IgnoreEos = true,
            Logprobs = 5,
            IncludeStopStrInOutput = true,
            SkipSpecialTokens = false,
            SpacesBetweenSpecialTokens = false,
            LogitBias = { [50256] = -100, [13] = 2.5 },
        };

        await host.Inference.Generate(Calls.Generate(sampling: wire)).ReadAllAsync();

        var sampling = host.Client.Calls.Single().Request.Sampling;
        var expected = new SamplingParams
        {
            N = 3,
            Temperature = 0,
            TopP = 0.95,
            TopK = 40,
            MinP = 0.05,
            PresencePenalty = 0.5,
            FrequencyPenalty = -0.5,
            RepetitionPenalty = 1.1,
            Seed = -7,
            MaxTokens = 64,
            MaxTokensExplicit = true,
            MinTokens = 4,
            // The empty stop string is dropped: it would end every choice at once.
            Stop = sampling.Stop,
            StopTokenIds = sampling.StopTokenIds,
            IgnoreEos = true,
            IncludeStopStringInOutput = true,
            SkipSpecialTokens = false,
            SpacesBetweenSpecialTokens = false,
            Logprobs = 5,
            LogitBias = sampling.LogitBias,
        };
        Assert.Equal(expected, sampling);
        Assert.Equal(["\n\n", "END"], sampling.Stop);
        Assert.Equal([2, 128009], sampling.StopTokenIds);
        Assert.Equal(new Dictionary<int, double> { [50256] = -100, [13] = 2.5 }, sampling.LogitBias);
        Assert.True(sampling.IsGreedy);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    public async Task Top_k_of_minus_one_or_zero_turns_it_off(int wire, int engine)
    {
        await using var host = await GrpcHost.StartAsync();

        await host.Inference.Generate(Calls.Generate(sampling: new SamplingParameters { TopK = wire })).ReadAllAsync();

        Assert.Equal(engine, host.Client.Calls.Single().Request.Sampling.TopK);
    }

    [Fact]
    public async Task Explicit_false_and_zero_differ_from_unset()
    {
        await using var host = await GrpcHost.StartAsync();

        await host.Inference.Generate(Calls.Generate(sampling: new SamplingParameters { Temperature = 0, TopP = 1, Logprobs = 0, SkipSpecialTokens = true })).ReadAllAsync();

        var sampling = host.Client.Calls.Single().Request.Sampling;
        Assert.Equal(0, sampling.Temperature);
        Assert.Equal(1, sampling.TopP);
        Assert.Equal(0, sampling.Logprobs);
        Assert.True(sampling.SkipSpecialTokens);
    }
}
