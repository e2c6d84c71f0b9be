namespace Granary.Grains.Routing;

/// <summary>What the router knows of a request: its prompt's block keys (when the gateway could tokenize it) and its hints.</summary>
public sealed record RoutingRequest
{
    public static readonly RoutingRequest None = new();

    /// <summary>Tokens in the prompt; 0 when unknown (then only load counts).</summary>
    public int PromptTokens { get; init; }

    /// <summary>The block size <see cref="Blocks"/> was hashed with; a replica with another size cannot match them.</summary>
    public int BlockSize { get; init; }

    /// <summary>The short keys of the prompt's leading full blocks (<see cref="Engine.Abstractions.BlockHash.PromptKeys"/>).</summary>
    public IReadOnlyList<ulong> Blocks { get; init; } = [];

    /// <summary>The replica the request's session last used: kept while it is live and not overloaded.</summary>
    public string? Preferred { get; init; }

    /// <summary>A replica that just failed this request: chosen only when no other is left.</summary>
    public string? Avoid { get; init; }
}
