using System.Net;
using System.Text;
using Granary.Api.Tests.Infrastructure;

namespace Granary.Api.Tests.Validation;

public sealed class BodyParsingTests
{
    [Theory]
    [InlineData("{\"model\": ")]
    [InlineData("")]
    [InlineData("not json")]
    public async Task Bad_json_is_a_400(string body)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/chat/completions", body);

        var message = await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", null, null);
        Assert.Contains("JSON", message);
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_is_a_400()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostJsonAsync("/v1/completions", "[1,2]");

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request_error", null, null);
    }

    [Fact]
    public async Task A_declared_non_json_body_is_a_415()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Http.PostAsync("/v1/completions", new StringContent("model=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await ErrorAssert.IsErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "invalid_request_error", null, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_without_content_type_is_read_as_json()
    {
        await using var host = await ApiHost.StartAsync();
        var content = new ByteArrayContent("""{"model":"meta/llama-3.1-8b-instruct","prompt":"x"}"""u8.ToArray());
        var response = await host.Http.PostAsync("/v1/completions", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
