using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Granary.Serving.Authentication;
using Grpc.Core;
using ModelCard = Granary.Engine.Abstractions.ModelCard;

namespace Granary.Grpc.Tests.Authentication;

public sealed class ScopedKeyTests
{
    private const string Other = "other/model";

    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    private static async Task<GrpcHost> StartAsync(params ApiKeyDefinition[] keys)
    {
        var host = await GrpcHost.StartAsync(o =>
        {
            o.ApiKeys.Add("sk-open");
            foreach (var key in keys) o.ScopedApiKeys.Add(key);
        });
        host.Client.Models.Add(new ModelCard { Id = Other, MaxModelLength = 4096, Root = "/models/other", Created = 1_700_000_000, OwnedBy = "granary" });
        return host;
    }

    [Fact]
    public async Task A_model_outside_the_keys_scope_is_permission_denied_on_every_call()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-llama", [ScriptedInferenceClient.Model]));
        var key = Bearer("sk-llama");

        var message = await RpcAssert.FailsAsync(() => host.Inference.Generate(new GenerateRequest { Model = Other, Prompt = "a" }, key).ReadAllAsync(),
            StatusCode.PermissionDenied, "model", "model_not_allowed");
        await RpcAssert.FailsAsync(() => host.Inference.Chat(new ChatRequest { Model = Other, Messages = { new ChatMessage { Role = "user", Content = "a" } } }, key).ReadAllAsync(),
            StatusCode.PermissionDenied, "model", "model_not_allowed");
        await RpcAssert.FailsAsync(() => host.Inference.TokenizeAsync(new TokenizeRequest { Model = Other, Prompt = "a" }, key).ResponseAsync,
            StatusCode.PermissionDenied, "model", "model_not_allowed");
        await RpcAssert.FailsAsync(() => host.Inference.DetokenizeAsync(new DetokenizeRequest { Model = Other, Tokens = { 1 } }, key).ResponseAsync,
            StatusCode.PermissionDenied, "model", "model_not_allowed");

        Assert.Contains("not allowed to use the model 'other/model'", message);
        Assert.Empty(host.Client.Calls);
        Assert.Empty(host.Client.TokenizeCalls);
        Assert.Empty(host.Client.DetokenizeCalls);
    }

    [Theory]
    [InlineData("sk-llama", new[] { ScriptedInferenceClient.Model })]
    [InlineData("sk-open", new[] { ScriptedInferenceClient.Model, Other })]
    public async Task The_model_list_shows_only_what_the_key_may_use(string key, string[] expected)
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-llama", [ScriptedInferenceClient.Model]));

        var models = await host.Inference.ListModelsAsync(new ListModelsRequest(), Bearer(key));

        Assert.Equal(expected, models.Models.Select(m => m.Id));
    }

    [Fact]
    public async Task Requests_per_minute_run_out_into_resource_exhausted_with_retry_after_and_rate_limit_trailers()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-rpm", null, RequestsPerMinute: 1));

        using var first = host.Inference.Generate(Calls.Generate(), Bearer("sk-rpm"));
        await foreach (var _ in first.ResponseStream.ReadAllAsync())
        {
        }

        var trailers = first.GetTrailers();
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Inference.Chat(Calls.Chat(), Bearer("sk-rpm")).ReadAllAsync());

        Assert.Equal(("1", "0"), (trailers.GetValue("x-ratelimit-limit-requests"), trailers.GetValue("x-ratelimit-remaining-requests")));
        Assert.EndsWith("s", trailers.GetValue("x-ratelimit-reset-requests"));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("rate_limit_exceeded", error.Trailers.GetValue("granary-error-code"));
        Assert.Contains("requests per minute (RPM)", error.Status.Detail);
        Assert.InRange(int.Parse(error.Trailers.GetValue("retry-after")!), 1, 60);
        Assert.Equal("0", error.Trailers.GetValue("x-ratelimit-remaining-requests"));
        Assert.Single(host.Client.Calls);
    }

    [Fact]
    public async Task Tokens_per_minute_charge_the_prompt_estimate_plus_max_tokens()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-tpm", null, TokensPerMinute: 100));

        using var first = host.Inference.Generate(Calls.Generate("x", new SamplingParameters { MaxTokens = 60 }), Bearer("sk-tpm"));
        await foreach (var _ in first.ResponseStream.ReadAllAsync())
        {
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            host.Inference.Generate(Calls.Generate("x", new SamplingParameters { MaxTokens = 60 }), Bearer("sk-tpm")).ReadAllAsync());
        var tooLarge = await Assert.ThrowsAsync<RpcException>(() =>
            host.Inference.Generate(Calls.Generate("x", new SamplingParameters { MaxTokens = 500 }), Bearer("sk-tpm")).ReadAllAsync());

        Assert.InRange(int.Parse(first.GetTrailers().GetValue("x-ratelimit-remaining-tokens")!), 39, 41);
        Assert.Null(first.GetTrailers().GetValue("x-ratelimit-limit-requests"));
        Assert.Equal((StatusCode.ResourceExhausted, "rate_limit_exceeded"), (refused.StatusCode, refused.Trailers.GetValue("granary-error-code")));
        Assert.NotNull(refused.Trailers.GetValue("retry-after"));
        Assert.Equal((StatusCode.ResourceExhausted, "request_too_large"), (tooLarge.StatusCode, tooLarge.Trailers.GetValue("granary-error-code")));
        Assert.Null(tooLarge.Trailers.GetValue("retry-after"));
    }

    [Fact]
    public async Task An_unlimited_key_gets_no_rate_limit_trailers()
    {
        await using var host = await StartAsync();

        var call = host.Inference.ListModelsAsync(new ListModelsRequest(), Bearer("sk-open"));
        await call.ResponseAsync;

        Assert.DoesNotContain(call.GetTrailers(), e => e.Key.StartsWith("x-ratelimit-", StringComparison.Ordinal));
    }
}
