using System.Runtime.CompilerServices;
using Granary.Api;
using Granary.Engine.Abstractions;

namespace Granary.Server.Telemetry;

/// <summary>Notes each generation's model and tokens on the current <see cref="RequestRecord"/>, for the access log.</summary>
internal sealed class MeteredInferenceClient(IInferenceClient inner) : IInferenceClient
{
    public Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct) => inner.ListModelsAsync(ct);

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId, [EnumeratorCancellation] CancellationToken ct)
    {
        var record = RequestRecord.Current;
        if (record is not null) record.Model = model;
        await foreach (var item in inner.GenerateAsync(model, request, sessionId, ct))
        {
            if (record is not null)
            {
                if (item.Prompt is { } prompt) Interlocked.Add(ref record.PromptTokens, prompt.TokenCount);
                Interlocked.Add(ref record.CompletionTokens, item.TokenIds.Length);
            }
            yield return item;
        }
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
