using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>vLLM's POST /tokenize body: a text prompt, or messages rendered with the chat template.</summary>
internal sealed record TokenizeRequest(string? Model, PromptInput Prompt, bool ReturnTokenStrs);
