namespace Granary.Api.Protocol;

/// <summary>
/// A streamed chunk whose <c>usage</c> is written (as null until the last chunk) only when the client
/// asked for usage, and left out otherwise, as OpenAI and vLLM do.
/// </summary>
internal interface IStreamChunk
{
    bool IncludeUsage { get; }
}
