namespace Granary.Engine.Abstractions;

/// <summary>Why a choice ended, as OpenAI names it.</summary>
public enum FinishReason
{
    /// <summary>EOS, a stop token id or a stop string.</summary>
    Stop,

    /// <summary>max_tokens or the context window.</summary>
    Length,

    /// <summary>Cancelled by the client or the server.</summary>
    Abort,

    /// <summary>The model called one or more tools.</summary>
    ToolCalls,
}
