using System.Text.Json;

namespace Granary.Bench.Clients;

/// <summary>
/// What one streamed JSON chunk tells the benchmark: whether it carried generated text, whether
/// it finished the choice, the usage counts, or an error.
/// </summary>
internal sealed record StreamChunk(bool HasText, bool Finished, int? PromptTokens, int? CompletionTokens, string? Error)
{
    /// <summary>usage.prompt_tokens_details.cached_tokens: prompt tokens served from the prefix cache.</summary>
    public int? CachedPromptTokens { get; init; }

    /// <summary>The server ended the choice itself (finish_reason "abort", vLLM's and Granary's word): the request did not complete.</summary>
    public bool Aborted { get; init; }

    public static StreamChunk Parse(string json, BenchEndpoint endpoint)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) return new StreamChunk(false, false, null, null, "a chunk that is not a JSON object");
        if (root.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null)
        {
            var message = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var m) ? m.ToString() : error.ToString();
            return new StreamChunk(false, false, null, null, message);
        }

        bool hasText = false, finished = false, aborted = false;
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                hasText |= NonEmpty(endpoint == BenchEndpoint.Chat ? ChatText(choice) : Property(choice, "text"));
                if (Property(choice, "finish_reason") is { ValueKind: JsonValueKind.String } reason)
                {
                    finished = true;
                    aborted |= reason.GetString() == "abort";
                }
            }
        }

        int? prompt = null, completion = null, cached = null;
        if (root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object)
        {
            prompt = Integer(usage, "prompt_tokens");
            completion = Integer(usage, "completion_tokens");
            if (Property(usage, "prompt_tokens_details") is { ValueKind: JsonValueKind.Object } details) cached = Integer(details, "cached_tokens");
        }
        return new StreamChunk(hasText, finished, prompt, completion, null) { CachedPromptTokens = cached, Aborted = aborted };
    }

    /// <summary>A chat delta's content, or its reasoning for models that stream reasoning separately.</summary>
    private static JsonElement? ChatText(JsonElement choice)
    {
        if (Property(choice, "delta") is not { ValueKind: JsonValueKind.Object } delta) return null;
        return NonEmpty(Property(delta, "content")) ? Property(delta, "content") : Property(delta, "reasoning_content");
    }

    private static bool NonEmpty(JsonElement? value) => value is { ValueKind: JsonValueKind.String } text && text.GetString()!.Length > 0;

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static int? Integer(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } number && number.TryGetInt32(out var value) ? value : null;
}
