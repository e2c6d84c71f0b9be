namespace Granary.Server.CommandLine;

/// <summary>Who may call the API: plain keys, and a file of keys with model scopes and per-minute limits.</summary>
internal sealed class ApiKeyOptions
{
    public List<string> Keys { get; set; } = [];

    public string? File { get; set; }
}
