using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>vLLM's POST /tokenize answer.</summary>
internal sealed record TokenizeResponse(int Count, int MaxModelLen, IReadOnlyList<int> Tokens, IReadOnlyList<string>? TokenStrs)
{
    public static TokenizeResponse From(TokenizeResult result) =>
        new(result.Tokens.Length, result.MaxModelLength, result.Tokens, result.TokenStrings);
}
