using Granary.Engine.Abstractions;
using Granary.Serving.Requests;

namespace Granary.Api.Protocol;

/// <summary>A validated POST /v1/completions body. Each prompt becomes its own engine request.</summary>
internal sealed record CompletionRequest
{
    public required string Model { get; init; }
    public required CompletionPrompt[] Prompts { get; init; }
    public SamplingFields Sampling { get; init; } = new();
    public bool Stream { get; init; }
    public StreamOptions? StreamOptions { get; init; }
    public bool Echo { get; init; }

    /// <summary>Top alternatives per generated token (OpenAI's integer logprobs); null for none.</summary>
    public int? Logprobs { get; init; }

    /// <summary>vLLM's prompt_logprobs: top alternatives per prompt token, returned per choice.</summary>
    public int? PromptLogprobs { get; init; }

    public bool AddSpecialTokens { get; init; } = true;
    public bool ReturnTokensAsTokenIds { get; init; }
    public string? SessionId { get; init; }

    /// <summary>response_format, structured_outputs or guided_*; null for free text.</summary>
    public StructuredOutput? Structure { get; init; }

    /// <summary>Prompt logprobs the engine must compute: for echo with logprobs, and for prompt_logprobs.</summary>
    public int? EnginePromptLogprobs
    {
        get
        {
            int? forEcho = Echo ? Logprobs : null;
            return forEcho is null ? PromptLogprobs : Math.Max(forEcho.Value, PromptLogprobs ?? 0);
        }
    }

    public GenerationRequest[] ToGenerationRequests(string requestId)
    {
        var sampling = Sampling.ToSamplingParams(Logprobs, EnginePromptLogprobs);
        return Prompts
            .Select((prompt, i) => new GenerationRequest
            {
                RequestId = Prompts.Length == 1 ? requestId : $"{requestId}-{i}",
                Prompt = prompt.ToPromptInput(AddSpecialTokens),
                Sampling = sampling,
                ReturnPrompt = Echo,
                Structure = Structure,
            })
            .ToArray();
    }
}
