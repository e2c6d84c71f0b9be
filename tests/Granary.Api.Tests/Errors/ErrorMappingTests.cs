using System.Net;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;
using Granary.Serving;

namespace Granary.Api.Tests.Errors;

public sealed class ErrorMappingTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Fact]
    public async Task Engine_request_errors_are_400_with_their_param_and_code()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, _) => throw new EngineRequestException(
            "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens.", "prompt", "context_length_exceeded");
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x"}""");

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "prompt", "context_length_exceeded");
        Assert.StartsWith("This model's maximum context length", message);
    }

    [Theory]
    [InlineData("/v1/completions", "\"prompt\":\"x\"")]
    [InlineData("/v1/chat/completions", "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]")]
    public async Task Unknown_models_are_404_naming_the_served_ones(string url, string input)
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Models.Add(new ModelCard { Id = "qwen", MaxModelLength = 4096 });
        var response = await host.Http.PostJsonAsync(url, $$"""{"model":"gpt-4o",{{input}}}""");

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.NotFound, "invalid_request_error", "model", "model_not_found");
        Assert.Equal("The model 'gpt-4o' does not exist. Served models: meta/llama-3.1-8b-instruct, qwen", message);
    }

    [Fact]
    public async Task A_model_without_a_live_replica_is_a_503()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, _) => throw new ServiceUnavailableException("The model 'x' is loading; try again shortly.", UnavailableCodes.ModelLoading, retryAfterSeconds: 3);
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x"}""");

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.ServiceUnavailable, "service_unavailable_error", null, "model_loading");
        Assert.Contains("loading", message);
        Assert.Equal("3", response.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Unexpected_failures_are_a_generic_500()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, _) => throw new InvalidOperationException("silo 3 is on fire");
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x"}""");

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.InternalServerError, "internal_server_error", null, null);
        Assert.DoesNotContain("fire", message);
    }

    [Fact]
    public async Task A_failure_after_the_prompt_of_a_whole_response_is_still_an_error_response()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (_, _) => Scripts.FailAfterOneDelta(new EngineRequestException("bad token", "logit_bias", "invalid_value"));
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x"}""");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "logit_bias", "invalid_value");
    }

    [Fact]
    public async Task A_refused_prompt_among_several_cancels_the_others()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (request, ct) => request.RequestId.EndsWith("-1", StringComparison.Ordinal)
            ? throw new EngineRequestException("too long", "prompt", "context_length_exceeded")
            : Scripts.Endless(ct);
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":["short","long"]}""")
            .WaitAsync(TimeSpan.FromSeconds(10));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "prompt", "context_length_exceeded");
        await host.Client.GenerationCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
