namespace Granary.Bench.Clients;

/// <summary>Which OpenAI API serve mode drives.</summary>
internal enum BenchEndpoint
{
    /// <summary>POST /v1/completions with the prompt as token ids: the input length is exact.</summary>
    Completions,

    /// <summary>POST /v1/chat/completions with the prompt's text (from /detokenize) as one user message.</summary>
    Chat,
}
