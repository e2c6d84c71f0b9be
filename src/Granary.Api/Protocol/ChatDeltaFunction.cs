using System.Text.Json.Serialization;

namespace Granary.Api.Protocol;

/// <summary>The function half of a streamed tool call piece: the name once, argument text always (possibly empty).</summary>
internal sealed record ChatDeltaFunction
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; init; }

    public required string Arguments { get; init; }
}
