using System.Text.Json.Serialization;
using Granary.Engine.Abstractions;

namespace Granary.Api.Protocol;

/// <summary>
/// A piece of a streamed tool call, in OpenAI's shape: the first piece of call <see cref="Index"/> has
/// its id, type and name (with empty arguments); later pieces only argument text.
/// </summary>
internal sealed record ChatDeltaToolCall
{
    public required int Index { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; init; }

    public required ChatDeltaFunction Function { get; init; }

    public static ChatDeltaToolCall From(ToolCallDelta delta) => new()
    {
        Index = delta.Index,
        Id = delta.Id,
        Type = delta.Id is null ? null : "function",
        Function = new ChatDeltaFunction { Name = delta.Name, Arguments = delta.Arguments },
    };
}
