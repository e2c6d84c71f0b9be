using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>What a chat chunk adds to a choice; absent fields are left out, so a finish chunk's delta is <c>{}</c>.</summary>
internal sealed record ChatDelta
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Role { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Content { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ChatDeltaToolCall>? ToolCalls { get; init; }
}
