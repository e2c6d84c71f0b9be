using System.Text.Json;
using Granary.Api.Errors;
using Granary.Api.Protocol;

namespace Granary.Api.Validation;

/// <summary>Reads vLLM's /detokenize body: <c>{model, tokens}</c>.</summary>
internal static class DetokenizeRequestReader
{
    public static DetokenizeRequest Read(JsonElement root)
    {
        var body = new JsonObjectReader(root, "");
        var model = body.String("model");
        var tokens = body.Value("tokens") is { } value
            ? JsonValues.TokenIds(value, "tokens")
            : throw RequestErrors.Missing("tokens");

        body.RejectUnread();
        return new DetokenizeRequest(model, tokens);
    }
}
