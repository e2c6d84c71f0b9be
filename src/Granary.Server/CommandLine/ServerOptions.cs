namespace Granary.Server.CommandLine;

/// <summary>Everything the command line decides about this process.</summary>
internal sealed record ServerOptions
{
    public ServerRole Role { get; init; } = ServerRole.All;
    public IReadOnlyList<ModelSpec> Models { get; init; } = [];
    public int Replicas { get; init; } = 1;
    public int? MaxReplicas { get; init; }
    public string Device { get; init; } = "cpu";
    public string Dtype { get; init; } = "auto";
    public string Host { get; init; } = "localhost";
    public int Port { get; init; } = 8000;

    /// <summary>HTTP/2 port for the gRPC API (granary.v1, grpc.health.v1); 0 turns it off.</summary>
    public int GrpcPort { get; init; } = 8001;
    public IReadOnlyList<string> ApiKeys { get; init; } = [];

    /// <summary>Keys with model scopes and per-minute limits, from --api-keys-file.</summary>
    public IReadOnlyList<Granary.Api.Authentication.ApiKeyDefinition> ScopedApiKeys { get; init; } = [];
    public int? MaxModelLength { get; init; }
    public long? KvCacheBytes { get; init; }
    public int MaxNumSequences { get; init; } = 256;
    public int? MaxNumBatchedTokens { get; init; }
    public bool EnablePrefixCaching { get; init; } = true;
    public int? Threads { get; init; }
    public ClusteringKind Clustering { get; init; } = ClusteringKind.Localhost;
    public string? ClusteringConnection { get; init; }
    public string AdoNetInvariant { get; init; } = "Npgsql";

    /// <summary>With adonet (Npgsql): create Orleans' clustering schema at start-up when the database lacks it.</summary>
    public bool ClusteringInit { get; init; }
    public bool Kubernetes { get; init; }
    public string ClusterId { get; init; } = "granary";
    public string ServiceId { get; init; } = "granary";
    public int SiloPort { get; init; } = 11111;
    public int GatewayPort { get; init; } = 30000;
    public string? PrimarySilo { get; init; }
    public string? AdvertisedAddress { get; init; }

    /// <summary>How long a stopping server lets in-flight requests finish (SIGTERM to exit is at most this plus a few seconds).</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>text or json; null leaves it to Logging:Console:FormatterName.</summary>
    public string? LogFormat { get; init; }

    public bool ServesApi => Role != ServerRole.Worker;

    public bool RunsEngines => Role != ServerRole.Gateway;
}
