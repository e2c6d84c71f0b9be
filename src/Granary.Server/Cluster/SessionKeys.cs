namespace Granary.Server.Cluster;

/// <summary>
/// The session a request belongs to: the client's id, or none. A chat without one is not pinned
/// by anything derived from it: the router's prefix score finds its cached opening, and spreads
/// conversations that share one.
/// </summary>
internal static class SessionKeys
{
    public static string? For(string? clientSessionId) => string.IsNullOrEmpty(clientSessionId) ? null : clientSessionId;

    public static string Grain(string model, string session) => $"{model}|{session}";
}
