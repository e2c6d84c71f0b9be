namespace Granary.Serving.Requests;

/// <summary>The bounds on what one request may ask for, the same over HTTP and gRPC.</summary>
public static class RequestLimits
{
    /// <summary>Choices per prompt (<c>n</c>): far above any sensible use, it caps the work one request can ask for.</summary>
    public const int MaxChoices = 128;

    /// <summary>Alternatives per token (<c>logprobs</c>, <c>top_logprobs</c>, <c>prompt_logprobs</c>), as OpenAI and vLLM allow.</summary>
    public const int MaxLogprobs = 20;

    /// <summary>
    /// Logprob entries one request may ask for: choices × max_tokens × (alternatives + 1). Each entry is
    /// kept until the response is written (~100 bytes: token text, bytes, value), so this holds a
    /// request's logprobs near 100 MB; n = 128 with 20 alternatives and max_tokens = 8192 would be ~2 GB.
    /// </summary>
    public const long MaxLogprobEntries = 1 << 20;
}
