namespace Granary.Grains.Routing;

/// <summary>The replica a request goes to, the prompt tokens expected to be cached there, and why it won.</summary>
public sealed record RoutingDecision(string Key, int CachedTokens, string Reason)
{
    public const string Prefix = "prefix";
    public const string Load = "load";
    public const string Session = "session";
}
