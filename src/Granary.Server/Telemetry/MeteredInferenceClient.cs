using System.Diagnostics;
using System.Runtime.CompilerServices;
using Granary.Serving;
using Granary.Engine.Abstractions;

namespace Granary.Server.Telemetry;

/// <summary>Each generation as a span (the gateway's routing and grain calls under it), and its model and tokens on the current <see cref="RequestRecord"/> for the access log.</summary>
internal sealed class MeteredInferenceClient(IInferenceClient inner) : IInferenceClient
{
    public const string SourceName = "Granary.Gateway";

    private static readonly ActivitySource Source = new(SourceName);

    public Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct) => inner.ListModelsAsync(ct);

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId, [EnumeratorCancellation] CancellationToken ct)
    {
        var record = RequestRecord.Current;
        if (record is not null) record.Model = model;
        // Routing, failover and the replica grain's calls happen under this span.
        using var span = Source.StartActivity("granary.generate");
        span?.SetTag("gen_ai.request.model", model);
        if (sessionId is not null) span?.SetTag("granary.session_id", sessionId);
        int prompt = 0, completion = 0;
        await foreach (var item in inner.GenerateAsync(model, request, sessionId, ct))
        {
            if (item.Prompt is { } info) prompt += info.TokenCount;
            completion += item.TokenIds.Length;
            if (record is not null)
            {
                if (item.Prompt is { } p) Interlocked.Add(ref record.PromptTokens, p.TokenCount);
                Interlocked.Add(ref record.CompletionTokens, item.TokenIds.Length);
            }
            yield return item;
        }
        span?.SetTag("gen_ai.usage.input_tokens", prompt);
        span?.SetTag("gen_ai.usage.output_tokens", completion);
    }

    public Task<TokenizeResult> TokenizeAsync(string model, PromptInput prompt, bool returnTokenStrings, CancellationToken ct)
    {
        if (RequestRecord.Current is { } record) record.Model = model;
        return inner.TokenizeAsync(model, prompt, returnTokenStrings, ct);
    }

    public Task<string> DetokenizeAsync(string model, int[] tokenIds, CancellationToken ct)
    {
        if (RequestRecord.Current is { } record) record.Model = model;
        return inner.DetokenizeAsync(model, tokenIds, ct);
    }

    public Task<bool> IsReadyAsync(CancellationToken ct) => inner.IsReadyAsync(ct);
}
