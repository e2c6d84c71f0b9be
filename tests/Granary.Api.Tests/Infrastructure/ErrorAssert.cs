using System.Net;
using System.Text.Json;

namespace Granary.Api.Tests.Infrastructure;

internal static class ErrorAssert
{
    /// <summary>Checks an OpenAI error envelope: status, type, param and code; returns the message.</summary>
    public static async Task<string> IsErrorAsync(HttpResponseMessage response, HttpStatusCode status, string type, string? param, string? code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        var error = (await response.JsonAsync()).GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        AssertNullableString(param, error.GetProperty("param"));
        AssertNullableString(code, error.GetProperty("code"));
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        return message!;
    }

    private static void AssertNullableString(string? expected, JsonElement actual)
    {
        if (expected is null)
        {
            Assert.Equal(JsonValueKind.Null, actual.ValueKind);
        }
        else
        {
            Assert.Equal(expected, actual.GetString());
        }
    }
}
