using System.Net;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Validation;

/// <summary>Every class of malformed request gets a 400 naming the parameter, in OpenAI's words and codes.</summary>
public sealed class RequestValidationTests
{
    private const string Chat = "/v1/chat/completions";
    private const string Completions = "/v1/completions";
    private const string Model = "meta/llama-3.1-8b-instruct";
    private const string Messages = """ "messages":[{"role":"user","content":"Hi"}] """;

    [Theory]
    [InlineData("\"temperature\":\"hot\"", "temperature", "invalid_type")]
    [InlineData("\"temperature\":2.5", "temperature", "decimal_above_max_value")]
    [InlineData("\"temperature\":-0.1", "temperature", "decimal_below_min_value")]
    [InlineData("\"top_p\":0", "top_p", "decimal_below_min_value")]
    [InlineData("\"top_p\":1.01", "top_p", "decimal_above_max_value")]
    [InlineData("\"max_tokens\":0", "max_tokens", "integer_below_min_value")]
    [InlineData("\"max_tokens\":1.5", "max_tokens", "invalid_type")]
    [InlineData("\"max_completion_tokens\":0", "max_completion_tokens", "integer_below_min_value")]
    [InlineData("\"n\":0", "n", "integer_below_min_value")]
    [InlineData("\"n\":129", "n", "integer_above_max_value")]
    [InlineData("\"presence_penalty\":2.1", "presence_penalty", "decimal_above_max_value")]
    [InlineData("\"frequency_penalty\":-3", "frequency_penalty", "decimal_below_min_value")]
    [InlineData("\"repetition_penalty\":0", "repetition_penalty", "decimal_below_min_value")]
    [InlineData("\"top_k\":-2", "top_k", "integer_below_min_value")]
    [InlineData("\"min_p\":1.5", "min_p", "decimal_above_max_value")]
    [InlineData("\"top_logprobs\":2", "top_logprobs", "invalid_value")]
    [InlineData("\"logprobs\":true,\"top_logprobs\":21", "top_logprobs", "integer_above_max_value")]
    [InlineData("\"logprobs\":3", "logprobs", "invalid_type")]
    [InlineData("\"logprobs\":true,\"top_logprobs\":20,\"n\":128,\"max_tokens\":400", "top_logprobs", "logprobs_too_many")]
    [InlineData("\"stream\":\"yes\"", "stream", "invalid_type")]
    [InlineData("\"stop\":5", "stop", "invalid_type")]
    [InlineData("\"stop\":[\"a\",1]", "stop[1]", "invalid_type")]
    [InlineData("\"seed\":\"x\"", "seed", "invalid_type")]
    [InlineData("\"logit_bias\":{\"abc\":1}", "logit_bias", "invalid_value")]
    [InlineData("\"logit_bias\":{\"5\":101}", "logit_bias", "decimal_above_max_value")]
    [InlineData("\"stop_token_ids\":[-1]", "stop_token_ids[0]", "integer_below_min_value")]
    [InlineData("\"min_tokens\":5,\"max_tokens\":2", "min_tokens", "integer_above_max_value")]
    [InlineData("\"add_generation_prompt\":true,\"continue_final_message\":true", "continue_final_message", "invalid_value")]
    [InlineData("\"chat_template_kwargs\":[]", "chat_template_kwargs", "invalid_type")]
    [InlineData("\"stream_options\":{\"include_usage\":true,\"extra\":1},\"stream\":true", "stream_options.extra", null)]
    public async Task Chat_fields_are_checked(string field, string param, string? code)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync(Chat, $$"""{"model":"{{Model}}",{{Messages}},{{field}}}""");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, code);
        Assert.Empty(host.Client.Calls);
    }

    [Theory]
    [InlineData("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}", "model", "missing_required_parameter")]
    [InlineData("{\"model\":\"m\"}", "messages", "missing_required_parameter")]
    [InlineData("{\"model\":\"m\",\"messages\":[]}", "messages", "empty_array")]
    [InlineData("{\"model\":\"m\",\"messages\":{}}", "messages", "invalid_type")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"wizard\",\"content\":\"Hi\"}]}", "messages[0].role", "invalid_value")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"content\":\"Hi\"}]}", "messages[0].role", "missing_required_parameter")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}", "messages[0].content", "missing_required_parameter")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":5}]}", "messages[0].content", "invalid_type")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"audio\"}]}]}", "messages[0].content[0].type", "invalid_value")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}", "messages[0].content[0].image_url", "missing_required_parameter")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}", "messages[0].content[0].type", "invalid_value")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"r\"}]}", "messages[0].tool_call_id", "missing_required_parameter")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"arguments\":\"{}\"}}]}]}", "messages[0].tool_calls[0].function.name", "missing_required_parameter")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{}}]}", "tools[0].function.name", "missing_required_parameter")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tools\":[{\"type\":\"web\",\"function\":{\"name\":\"f\"}}]}", "tools[0].type", "invalid_value")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tool_choice\":\"auto\"}", "tool_choice", "invalid_value")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":\"sometimes\"}", "tool_choice", "invalid_value")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}}}", "tool_choice", "invalid_value")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"response_format\":{\"type\":\"xml\"}}", "response_format.type", "invalid_value")]
    [InlineData("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"response_format\":{\"type\":\"json_schema\"}}", "response_format.json_schema", "missing_required_parameter")]
    public async Task Chat_shapes_are_checked(string body, string param, string code)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync(Chat, body);

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, code);
    }

    [Theory]
    [InlineData("\"prompt\":[]", "prompt", "empty_array")]
    [InlineData("\"prompt\":5", "prompt", "invalid_type")]
    [InlineData("\"prompt\":[\"a\",1]", "prompt[1]", "invalid_type")]
    [InlineData("\"prompt\":[[1],[]]", "prompt[1]", "empty_array")]
    [InlineData("\"prompt\":[1,-2]", "prompt[1]", "integer_below_min_value")]
    [InlineData("\"prompt\":\"x\",\"logprobs\":21", "logprobs", "integer_above_max_value")]
    [InlineData("\"prompt\":[\"a\",\"b\"],\"logprobs\":20,\"n\":64,\"max_tokens\":400", "logprobs", "logprobs_too_many")]
    [InlineData("\"prompt\":\"x\",\"logprobs\":true", "logprobs", "invalid_type")]
    [InlineData("\"prompt\":\"x\",\"echo\":1", "echo", "invalid_type")]
    [InlineData("\"prompt\":\"x\",\"prompt_logprobs\":1,\"stream\":true", "prompt_logprobs", "invalid_value")]
    public async Task Completion_fields_are_checked(string field, string param, string code)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync(Completions, $$"""{"model":"{{Model}}",{{field}}}""");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, code);
    }

    [Fact]
    public async Task Completions_require_a_prompt()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync(Completions, $$"""{"model":"{{Model}}"}""");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "prompt", "missing_required_parameter");
    }

    [Theory]
    [InlineData(Chat, Messages)]
    [InlineData(Completions, "\"prompt\":\"x\"")]
    public async Task Unknown_arguments_are_refused_by_name(string url, string input)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync(url, $$"""{"model":"{{Model}}",{{input}},"temprature":0.5}""");

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", "temprature", null);
        Assert.Equal("Unrecognized request argument supplied: temprature", message);
    }

    [Fact]
    public async Task Openai_bookkeeping_fields_and_returned_assistant_messages_are_accepted()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync(Chat, $$"""
            {"model":"{{Model}}","user":"u","store":false,"metadata":{"k":"v"},"service_tier":"auto","parallel_tool_calls":true,
             "messages":[{"role":"developer","content":"Be kind"},{"role":"user","content":"Hi"},
               {"role":"assistant","content":"Hello","refusal":null,"annotations":[],"audio":null,"function_call":null,"reasoning_content":"hm"},
               {"role":"user","content":"Again"}],
             "stop":null,"response_format":{"type":"text"},"tool_choice":"none"}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("hm", Assert.Single(host.Client.Calls).Request.Prompt.Chat!.Messages[2].ReasoningContent);
    }

    [Theory]
    [InlineData(Chat, "\"logprobs\":true,\"top_logprobs\":20,\"n\":2,\"max_tokens\":20000")]
    [InlineData(Completions, "\"prompt\":\"x\",\"logprobs\":20,\"n\":128,\"max_tokens\":390")]
    public async Task Logprobs_within_the_memory_bound_are_served(string url, string fields)
    {
        await using var host = await ApiHost.StartAsync();
        var messages = url == Chat ? Messages + "," : "";
        var response = await host.Http.PostJsonAsync(url, $$"""{"model":"{{Model}}",{{messages}}{{fields}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
