using System.Net;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Validation;

/// <summary>Malformed tool_choice, response_format, structured_outputs and guided_* are 400s naming the field.</summary>
public sealed class ToolAndStructureValidationTests
{
    private const string Tools = """ "tools":[{"type":"function","function":{"name":"f"}}] """;

    [Theory]
    [InlineData(Tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}}", "tool_choice", "invalid_value")]
    [InlineData(Tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"f\",\"strict\":true}}", "tool_choice.function.strict", null)]
    [InlineData(Tools + ",\"tool_choice\":{\"type\":\"function\"}", "tool_choice.function", "missing_required_parameter")]
    [InlineData(Tools + ",\"tool_choice\":3", "tool_choice", "invalid_type")]
    [InlineData("\"tool_choice\":\"required\"", "tool_choice", "invalid_value")]
    [InlineData(Tools + ",\"parallel_tool_calls\":\"yes\"", "parallel_tool_calls", "invalid_type")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\"}}", "response_format.json_schema.schema", "missing_required_parameter")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":[]}}", "response_format.json_schema.schema", "invalid_type")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a b\",\"schema\":{}}}", "response_format.json_schema.name", "invalid_value")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{}}}", "response_format.json_schema.name", "missing_required_parameter")]
    [InlineData("\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\",\"schema\":{},\"extra\":1}}", "response_format.json_schema.extra", null)]
    [InlineData("\"response_format\":{\"type\":\"json_object\",\"schema\":{}}", "response_format.schema", null)]
    [InlineData("\"structured_outputs\":{}", "structured_outputs", "invalid_value")]
    [InlineData("\"structured_outputs\":{\"regex\":\"a\",\"choice\":[\"a\"]}", "structured_outputs", "invalid_value")]
    [InlineData("\"structured_outputs\":{\"choice\":[]}", "structured_outputs.choice", "empty_array")]
    [InlineData("\"structured_outputs\":{\"choice\":\"a\"}", "structured_outputs.choice", "invalid_type")]
    [InlineData("\"structured_outputs\":{\"regex\":\"\"}", "structured_outputs.regex", "invalid_value")]
    [InlineData("\"structured_outputs\":{\"json\":3}", "structured_outputs.json", "invalid_type")]
    [InlineData("\"structured_outputs\":{\"jsn\":{}}", "structured_outputs.jsn", null)]
    [InlineData("\"guided_json\":\"{not json\"", "guided_json", "invalid_value")]
    [InlineData("\"guided_json\":\"[1]\"", "guided_json", "invalid_value")]
    [InlineData("\"guided_choice\":[1]", "guided_choice[0]", "invalid_type")]
    [InlineData("\"guided_regex\":7", "guided_regex", "invalid_type")]
    [InlineData("\"response_format\":{\"type\":\"json_object\"},\"guided_regex\":\"a\"", "guided_regex", "invalid_value")]
    [InlineData("\"structured_outputs\":{\"regex\":\"a\"},\"guided_choice\":[\"a\"]", "guided_choice", "invalid_value")]
    public async Task Chat_names_the_bad_field(string fields, string param, string? code)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            $$"""{"model":"m","messages":[{"role":"user","content":"Hi"}],{{fields}}}""");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", param, code);
        Assert.Empty(host.Client.Calls);
    }

    [Fact]
    public async Task Text_response_format_and_a_none_tool_choice_without_tools_are_fine()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions",
            """{"model":"meta/llama-3.1-8b-instruct","messages":[{"role":"user","content":"Hi"}],"response_format":{"type":"text"},"tool_choice":"none"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(host.Client.Calls).Request.Structure);
    }
}
