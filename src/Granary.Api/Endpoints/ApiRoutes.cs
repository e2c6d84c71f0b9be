namespace Granary.Api.Endpoints;

/// <summary>Every route the API serves, with its method; the 405 answers are derived from this table.</summary>
internal static class ApiRoutes
{
    public const string Completions = "/v1/completions";
    public const string ChatCompletions = "/v1/chat/completions";
    public const string Models = "/v1/models";

    // Catch-all because model ids contain slashes (meta/llama-3.1-8b-instruct).
    public const string Model = "/v1/models/{*id}";
    public const string Live = "/v1/health/live";
    public const string Ready = "/v1/health/ready";
    public const string VllmHealth = "/health";
    public const string Tokenize = "/tokenize";
    public const string Detokenize = "/detokenize";
    public const string VllmVersion = "/version";
    public const string NimVersion = "/v1/version";
    public const string NimMetadata = "/v1/metadata";
    public const string Cluster = "/v1/cluster";
    public const string OpenApi = "/openapi.json";

    public static readonly (string Pattern, string Method)[] All =
    [
        (Completions, "POST"), (ChatCompletions, "POST"), (Models, "GET"), (Model, "GET"),
        (Live, "GET"), (Ready, "GET"), (VllmHealth, "GET"), (Tokenize, "POST"), (Detokenize, "POST"),
        (VllmVersion, "GET"), (NimVersion, "GET"), (NimMetadata, "GET"), (Cluster, "GET"), (OpenApi, "GET"),
    ];
}
