using System.Net;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Validation;

/// <summary>Features not served yet are refused by name, never silently ignored.</summary>
public sealed class UnsupportedFeatureTests
{
    private const string Model = "meta/llama-3.1-8b-instruct";

    [Theory]
    [InlineData("\"guided_grammar\":\"root ::= \\\"a\\\"\"", "guided_grammar")]
    [InlineData("\"guided_whitespace_pattern\":\" \"", "guided_whitespace_pattern")]
    [InlineData("\"structured_outputs\":{\"grammar\":\"root ::= x\"}", "structured_outputs.grammar")]
    [InlineData("\"structured_outputs\":{\"json\":{},\"disable_any_whitespace\":true}", "structured_outputs.disable_any_whitespace")]
    [InlineData("\"functions\":[{\"name\":\"f\"}]", "functions")]
    [InlineData("\"audio\":{\"voice\":\"alloy\"}", "audio")]
    [InlineData("\"modalities\":[\"text\",\"audio\"]", "modalities")]
    [InlineData("\"add_special_tokens\":true", "add_special_tokens")]
    public async Task Chat_refuses_with_the_param_named(string field, string param)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"{{Model}}","messages":[{"role":"user","content":"Hi"}],{{field}}}""");

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, "unsupported_parameter");
        Assert.Contains("not supported yet", message);
    }

    [Theory]
    [InlineData("\"suffix\":\"end\"", "suffix")]
    [InlineData("\"best_of\":3", "best_of")]
    [InlineData("\"guided_grammar\":\"root ::= x\"", "guided_grammar")]
    public async Task Completions_refuse_with_the_param_named(string field, string param)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x",{{field}}}""");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, "unsupported_parameter");
    }

    [Fact]
    public async Task Suffix_null_and_best_of_equal_to_n_are_fine()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/completions", $$"""{"model":"{{Model}}","prompt":"x","suffix":null,"n":2,"best_of":2}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
