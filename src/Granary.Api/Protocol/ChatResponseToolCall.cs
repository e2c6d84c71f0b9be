namespace Granary.Api.Protocol;

/// <summary>A tool call in an assistant reply (wire shape <c>{id, type, function:{name, arguments}}</c>).</summary>
internal sealed record ChatResponseToolCall(string Id, string Type, ChatResponseFunction Function);
