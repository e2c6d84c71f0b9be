using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Granary.Bench.Clients;

/// <summary>The few calls serve mode makes before it measures: which model, and prompt text for chat.</summary>
internal static class ServerProbe
{
    /// <summary>The named model, or the first one the server lists.</summary>
    public static async Task<ServedModel> FindModelAsync(HttpClient http, string? name, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("v1/models", cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"GET {http.BaseAddress}v1/models answered {(int)response.StatusCode}: {text}");
        var models = (JsonNode.Parse(text)?["data"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(m => new ServedModel(
                (string?)m["id"] ?? "",
                m["root"] is JsonValue root && root.TryGetValue<string>(out var path) ? path : null,
                m["max_model_len"] is JsonValue length && length.TryGetValue<int>(out var window) ? window : null))
            .ToArray();
        if (models.Length == 0) throw new BenchException($"{http.BaseAddress} serves no model.");
        if (name is null) return models[0];
        return models.FirstOrDefault(m => m.Id == name)
            ?? throw new BenchException($"{http.BaseAddress} does not serve '{name}'; it serves {string.Join(", ", models.Select(m => m.Id))}.");
    }

    /// <summary>The text of token ids through vLLM's POST /detokenize.</summary>
    public static async Task<string> DetokenizeAsync(HttpClient http, string model, int[] tokenIds, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("detokenize", new JsonObject
        {
            ["model"] = model,
            ["tokens"] = new JsonArray(tokenIds.Select(id => (JsonNode)id).ToArray()),
        }, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new BenchException($"POST /detokenize answered {(int)response.StatusCode}: {text}");
        return (string?)JsonNode.Parse(text)?["prompt"] ?? throw new BenchException("POST /detokenize returned no prompt text.");
    }
}
