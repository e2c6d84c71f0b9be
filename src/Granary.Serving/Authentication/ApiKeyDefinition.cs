namespace Granary.Serving.Authentication;

/// <summary>
/// One accepted bearer key: the models it may use (null: every model) and its per-minute limits on
/// this gateway (null: none).
/// </summary>
public sealed record ApiKeyDefinition(string Key, IReadOnlyList<string>? Models = null, int? RequestsPerMinute = null, int? TokensPerMinute = null)
{
    public bool IsLimited => RequestsPerMinute is not null || TokensPerMinute is not null;
}
