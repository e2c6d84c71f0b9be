using System.CommandLine;
using System.Text.Json.Nodes;
using Granary.Bench.Clients;
using Granary.Bench.Workload;

namespace Granary.Bench.Commands;

/// <summary>granary-bench serve: load against a running server's OpenAI API.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var baseUrl = new Option<string>("--base-url") { Description = "The server", DefaultValueFactory = _ => "http://localhost:8000" };
        var model = new Option<string?>("--model") { Description = "Served model to use (default: the first of /v1/models)" };
        var endpoint = new Option<BenchEndpoint>("--endpoint") { Description = "completions (prompts as token ids: exact input length) | chat (prompt text from /detokenize as a user message)", DefaultValueFactory = _ => BenchEndpoint.Completions };
        var apiKey = new Option<string?>("--api-key") { Description = "Bearer key (default: $OPENAI_API_KEY)" };
        var workload = new WorkloadOptions();
        var command = new Command("serve", "Benchmark a running server through its HTTP API (streaming, usage-counted tokens)") { baseUrl, model, endpoint, apiKey };
        workload.AddTo(command);
        command.SetAction((result, ct) => CommandGuard.RunAsync(() => RunAsync(
            result.GetValue(baseUrl)!, result.GetValue(model), result.GetValue(endpoint),
            result.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("OPENAI_API_KEY"), workload, result, ct)));
        return command;
    }

    private static async Task<int> RunAsync(string baseUrl, string? modelName, BenchEndpoint endpoint, string? apiKey, WorkloadOptions workload, ParseResult result, CancellationToken ct)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            throw new BenchException($"--base-url: '{baseUrl}' is not an http(s) URL");
        var spec = workload.Read(result);
        using var http = BenchHttp.Create(url, apiKey);
        ServedModel model;
        try
        {
            model = await ServerProbe.FindModelAsync(http, modelName, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new BenchException($"cannot reach {url}: {ex.Message}");
        }

        if (model.MaxModelLength is { } window && endpoint == BenchEndpoint.Completions && spec.InputTokens + spec.OutputTokens > window)
            throw new BenchException($"--input-len {spec.InputTokens} + --output-len {spec.OutputTokens} exceed {model.Id}'s context window of {window} tokens");
        var vocabulary = Vocabulary.Resolve(workload.VocabSize(result), model.Root is { } root && Directory.Exists(root) ? root : null);
        Console.WriteLine($"serve: {model.Id} at {url} via /v1/{(endpoint == BenchEndpoint.Chat ? "chat/completions" : "completions")}; prompt ids from [0, {vocabulary.Size}) ({vocabulary.Source})");

        var client = new HttpBenchClient(http, model.Id, endpoint, spec.RequestTimeout);
        var config = new JsonObject
        {
            ["mode"] = "serve",
            ["base_url"] = url.ToString(),
            ["model_id"] = model.Id,
            ["endpoint"] = endpoint == BenchEndpoint.Chat ? "chat" : "completions",
            ["max_model_len"] = model.MaxModelLength,
        };
        Func<BenchRequest[], CancellationToken, Task<BenchRequest[]>>? prepare = endpoint == BenchEndpoint.Chat
            ? (requests, token) => WithTextAsync(http, model.Id, requests, token)
            : null;
        return await BenchmarkSession.RunAsync(client, spec, vocabulary, config, workload.Targets(result), model.Id, prepare, ct);
    }

    /// <summary>Chat prompts are text: each prompt's ids through /detokenize, before the run starts.</summary>
    private static async Task<BenchRequest[]> WithTextAsync(HttpClient http, string model, BenchRequest[] requests, CancellationToken ct)
    {
        var texts = new string[requests.Length];
        await Parallel.ForAsync(0, requests.Length, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, token) => texts[i] = await ServerProbe.DetokenizeAsync(http, model, requests[i].PromptTokenIds, token));
        return requests.Select((r, i) => r with { PromptText = texts[i] }).ToArray();
    }
}
