using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Granary.Engine.Abstractions;
using Granary.Serving;

namespace Granary.Testing.ScriptedInference;

/// <summary>An <see cref="IInferenceClient"/> that plays scripted events and records what it was asked.</summary>
internal sealed class ScriptedInferenceClient : IInferenceClient
{
    public const string Model = "meta/llama-3.1-8b-instruct";

    public delegate IAsyncEnumerable<GenerationEvent> Script(GenerationRequest request, CancellationToken ct);

    public List<ModelCard> Models { get; } =
    [
        new ModelCard { Id = Model, MaxModelLength = 8192, Root = "/models/llama", Created = 1_700_000_000, OwnedBy = "granary" },
    ];

    /// <summary>What GenerateAsync plays; by default each choice says "Hello world" and stops.</summary>
    public Script Generate { get; set; } = (request, ct) => Scripts.Say(request, ct, "Hello", " world");

    public ConcurrentQueue<GenerateCall> Calls { get; } = new();

    /// <summary>What IsReadyAsync answers; throws when it is an exception.</summary>
    public Func<bool> Ready { get; set; } = () => true;

    public Func<string, PromptInput, bool, TokenizeResult> Tokenize { get; set; } =
        (_, _, strings) => new TokenizeResult { Tokens = [1, 2, 3], MaxModelLength = 8192, TokenStrings = strings ? ["<s>", "a", "b"] : null };

    public Func<int[], string> Detokenize { get; set; } = ids => string.Join("|", ids);

    public ConcurrentQueue<(string Model, PromptInput Prompt, bool ReturnStrings)> TokenizeCalls { get; } = new();

    public ConcurrentQueue<(string Model, int[] Ids)> DetokenizeCalls { get; } = new();

    /// <summary>Completed when a generation's token is cancelled.</summary>
    public TaskCompletionSource GenerationCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<IReadOnlyList<ModelCard>> ListModelsAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<ModelCard>>(Models);

    public IAsyncEnumerable<GenerationEvent> GenerateAsync(string model, GenerationRequest request, string? sessionId, CancellationToken ct)
    {
        Calls.Enqueue(new GenerateCall(model, request, sessionId, ct));
        ct.Register(() => GenerationCancelled.TrySetResult());
        return CheckModel(model, request, ct);
    }

    public Task<TokenizeResult> TokenizeAsync(string model, PromptInput prompt, bool returnTokenStrings, CancellationToken ct)
    {
        EnsureServed(model);
        TokenizeCalls.Enqueue((model, prompt, returnTokenStrings));
        return Task.FromResult(Tokenize(model, prompt, returnTokenStrings));
    }

    public Task<string> DetokenizeAsync(string model, int[] tokenIds, CancellationToken ct)
    {
        EnsureServed(model);
        DetokenizeCalls.Enqueue((model, tokenIds));
        return Task.FromResult(Detokenize(tokenIds));
    }

    public Task<bool> IsReadyAsync(CancellationToken ct) => Task.FromResult(Ready());

    private async IAsyncEnumerable<GenerationEvent> CheckModel(string model, GenerationRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        EnsureServed(model);
        await foreach (var item in Generate(request, ct).WithCancellation(ct))
        {
            yield return item;
        }
    }

    private void EnsureServed(string model)
    {
        if (!Models.Any(m => m.Id == model))
        {
            throw new ModelNotFoundException(model, Models.Select(m => m.Id).ToArray());
        }
    }
}
