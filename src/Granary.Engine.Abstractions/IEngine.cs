namespace Granary.Engine.Abstractions;

/// <summary>
/// A loaded model that generates. Implementations run model work on their own thread: callers
/// only enqueue and await. Cancelling the enumeration aborts the request and frees its cache.
/// </summary>
public interface IEngine
{
    ModelCard Card { get; }

    /// <exception cref="EngineRequestException">The prompt or parameters cannot be served.</exception>
    IAsyncEnumerable<GenerationEvent> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken = default);

    /// <exception cref="EngineRequestException">The prompt cannot be rendered.</exception>
    TokenizeResult Tokenize(PromptInput prompt, bool returnTokenStrings = false);

    string Detokenize(int[] tokenIds);

    EngineStats GetStats();
}
