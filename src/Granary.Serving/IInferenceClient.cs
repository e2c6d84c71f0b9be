using Granary.Engine.Abstractions;

namespace Granary.Serving;

/// <summary>
/// What the HTTP layer needs from the cluster. The cluster layer implements it; the API never sees
/// grains or engines, so it can be tested and hosted on its own.
/// </summary>
public interface IInferenceClient
{
    Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct);

    /// <summary>
    /// Streams one request's events: first a <see cref="PromptInfo"/> event, then per-choice deltas.
    /// Cancelling <paramref name="ct"/> aborts the generation.
    /// </summary>
    /// <exception cref="EngineRequestException">The request cannot be served as given (a client error).</exception>
    /// <exception cref="ModelNotFoundException">No replica serves <paramref name="model"/>.</exception>
    IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId, CancellationToken ct);

    /// <exception cref="ModelNotFoundException">No replica serves <paramref name="model"/>.</exception>
    Task<TokenizeResult> TokenizeAsync(string model, PromptInput prompt, bool returnTokenStrings, CancellationToken ct);

    /// <exception cref="ModelNotFoundException">No replica serves <paramref name="model"/>.</exception>
    Task<string> DetokenizeAsync(string model, int[] tokenIds, CancellationToken ct);

    /// <summary>True when every served model has a replica that has produced a token.</summary>
    Task<bool> IsReadyAsync(CancellationToken ct);
}
