using System.Net;
using Granary.Api.Authentication;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;
using Granary.Serving.Authentication;

namespace Granary.Api.Tests.Authentication;

public sealed class ScopedKeyTests
{
    private const string Other = "other/model";

    private static async Task<ApiHost> StartAsync(params ApiKeyDefinition[] keys)
    {
        var client = new ScriptedInferenceClient();
        client.Models.Add(new ModelCard { Id = Other, MaxModelLength = 4096, Root = "/models/other", Created = 1_700_000_000, OwnedBy = "granary" });
        return await ApiHost.StartAsync(o =>
        {
            o.ApiKeys.Add("sk-open");
            foreach (var key in keys) o.ScopedApiKeys.Add(key);
        }, client);
    }

    private static Task<HttpResponseMessage> SendAsync(ApiHost host, string key, HttpMethod method, string url, string? json = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (json is not null) request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        request.WithBearer(key);
        return host.Http.SendAsync(request);
    }

    private static Task<HttpResponseMessage> CompleteAsync(ApiHost host, string key, int maxTokens = 4, string prompt = "x") =>
        SendAsync(host, key, HttpMethod.Post, "/v1/completions",
            $$"""{"model":"{{ScriptedInferenceClient.Model}}","prompt":"{{prompt}}","max_tokens":{{maxTokens}}}""");

    private static string Header(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.GetValues(name));

    [Theory]
    [InlineData("POST", "/v1/chat/completions", """{"model":"other/model","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("POST", "/v1/completions", """{"model":"other/model","prompt":"hi"}""")]
    [InlineData("POST", "/tokenize", """{"model":"other/model","prompt":"hi"}""")]
    [InlineData("POST", "/detokenize", """{"model":"other/model","tokens":[1]}""")]
    [InlineData("GET", "/v1/models/other/model", null)]
    [InlineData("POST", "/v1/completions", """{"model":"not-served","prompt":"hi"}""")]
    public async Task A_model_outside_the_keys_scope_is_403_and_reaches_no_replica(string method, string url, string? json)
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-llama", [ScriptedInferenceClient.Model]));

        var response = await SendAsync(host, "sk-llama", new HttpMethod(method), url, json);

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.Forbidden, "invalid_request_error", "model", "model_not_allowed");
        Assert.Contains("not allowed to use the model", message);
        Assert.Empty(host.Client.Calls);
        Assert.Empty(host.Client.TokenizeCalls);
        Assert.Empty(host.Client.DetokenizeCalls);
    }

    [Fact]
    public async Task A_model_in_scope_is_served()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-llama", [ScriptedInferenceClient.Model]));

        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync(host, "sk-llama")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(host, "sk-llama", HttpMethod.Get, $"/v1/models/{ScriptedInferenceClient.Model}")).StatusCode);
    }

    [Theory]
    [InlineData("sk-llama", new[] { ScriptedInferenceClient.Model })]
    [InlineData("sk-other", new[] { Other })]
    [InlineData("sk-open", new[] { ScriptedInferenceClient.Model, Other })]
    public async Task The_model_list_shows_only_what_the_key_may_use(string key, string[] expected)
    {
        await using var host = await StartAsync(
            new ApiKeyDefinition("sk-llama", [ScriptedInferenceClient.Model]), new ApiKeyDefinition("sk-other", [Other]));

        var list = await (await SendAsync(host, key, HttpMethod.Get, "/v1/models")).JsonAsync();

        Assert.Equal(expected, list.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Tokenize_without_a_model_uses_the_first_one_the_key_may_use()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-other", [Other]));

        var response = await SendAsync(host, "sk-other", HttpMethod.Post, "/tokenize", """{"prompt":"hi"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Other, Assert.Single(host.Client.TokenizeCalls).Model);
    }

    [Fact]
    public async Task Requests_per_minute_run_out_into_429_with_retry_after_and_the_headers_count_down()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-rpm", null, RequestsPerMinute: 2));

        var first = await CompleteAsync(host, "sk-rpm");
        var second = await CompleteAsync(host, "sk-rpm");
        var third = await CompleteAsync(host, "sk-rpm");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(("2", "1"), (Header(first, "x-ratelimit-limit-requests"), Header(first, "x-ratelimit-remaining-requests")));
        Assert.EndsWith("s", Header(first, "x-ratelimit-reset-requests"));
        Assert.Equal("0", Header(second, "x-ratelimit-remaining-requests"));
        var message = await ErrorAssert.IsErrorAsync(third, HttpStatusCode.TooManyRequests, "requests", null, "rate_limit_exceeded");
        Assert.Contains("requests per minute (RPM)", message);
        Assert.InRange(third.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 30);
        Assert.Equal(("2", "0"), (Header(third, "x-ratelimit-limit-requests"), Header(third, "x-ratelimit-remaining-requests")));
        Assert.False(third.Headers.Contains("x-ratelimit-limit-tokens"));
        Assert.Equal(2, host.Client.Calls.Count);
    }

    [Fact]
    public async Task Tokens_per_minute_charge_the_prompt_estimate_plus_max_tokens()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-tpm", null, RequestsPerMinute: 10, TokensPerMinute: 100));

        var first = await CompleteAsync(host, "sk-tpm", maxTokens: 60);
        var refused = await CompleteAsync(host, "sk-tpm", maxTokens: 60);
        var smaller = await CompleteAsync(host, "sk-tpm", maxTokens: 30);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("100", Header(first, "x-ratelimit-limit-tokens"));
        Assert.InRange(int.Parse(Header(first, "x-ratelimit-remaining-tokens")), 39, 41);
        Assert.Equal("9", Header(first, "x-ratelimit-remaining-requests"));
        var message = await ErrorAssert.IsErrorAsync(refused, HttpStatusCode.TooManyRequests, "tokens", null, "rate_limit_exceeded");
        Assert.Contains("tokens per minute (TPM)", message);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        // The refused request spent neither tokens nor a request.
        Assert.Equal(HttpStatusCode.OK, smaller.StatusCode);
        Assert.Equal("8", Header(smaller, "x-ratelimit-remaining-requests"));
    }

    [Fact]
    public async Task A_request_larger_than_the_whole_budget_is_429_without_retry_after()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-tpm", null, TokensPerMinute: 100));

        var response = await CompleteAsync(host, "sk-tpm", maxTokens: 200);

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.TooManyRequests, "tokens", null, "request_too_large");
        Assert.Contains("requested 201", message);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal("false", Header(response, "x-should-retry"));
        Assert.Equal("100", Header(response, "x-ratelimit-remaining-tokens"));
        Assert.Empty(host.Client.Calls);
    }

    [Fact]
    public async Task A_stream_carries_the_headers_too()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-rpm", null, RequestsPerMinute: 5));

        var response = await SendAsync(host, "sk-rpm", HttpMethod.Post, "/v1/chat/completions",
            $$"""{"model":"{{ScriptedInferenceClient.Model}}","messages":[{"role":"user","content":"hi"}],"stream":true}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("4", Header(response, "x-ratelimit-remaining-requests"));
        Assert.Equal("[DONE]", (await response.SseDataAsync())[^1]);
    }

    [Fact]
    public async Task Keys_have_their_own_budgets_and_unlimited_keys_no_headers()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-a", null, RequestsPerMinute: 1), new ApiKeyDefinition("sk-b", null, RequestsPerMinute: 1));

        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync(host, "sk-a")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await CompleteAsync(host, "sk-a")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CompleteAsync(host, "sk-b")).StatusCode);
        var open = await CompleteAsync(host, "sk-open");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        Assert.DoesNotContain(open.Headers, h => h.Key.StartsWith("x-ratelimit-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Model_listing_is_free_and_tokenizing_counts_as_a_request()
    {
        await using var host = await StartAsync(new ApiKeyDefinition("sk-rpm", null, RequestsPerMinute: 1));

        var list = await SendAsync(host, "sk-rpm", HttpMethod.Get, "/v1/models");
        var tokenize = await SendAsync(host, "sk-rpm", HttpMethod.Post, "/tokenize", $$"""{"model":"{{Other}}","prompt":"hi"}""");
        var complete = await CompleteAsync(host, "sk-rpm");

        Assert.Equal("1", Header(list, "x-ratelimit-remaining-requests"));
        Assert.Equal(HttpStatusCode.OK, tokenize.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, complete.StatusCode);
    }
}
