using System.CommandLine;

namespace Granary.Server.CommandLine;

/// <summary>The granary command line. Every flag also reads GRANARY_* defaults where noted.</summary>
internal static class ServerCommandLine
{
    private static readonly Option<ServerRole> Role = new("--role") { Description = "all (default) | gateway (HTTP only, no models) | worker (models only)", DefaultValueFactory = _ => ServerRole.All };
    private static readonly Option<string[]> Model = new("--model") { Description = "A Hugging Face model folder to serve, as [name=]PATH; repeatable. Default: the bundled tiny-llama3.", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<int> Replicas = new("--replicas") { Description = "Engines per model on each worker silo", DefaultValueFactory = _ => 1 };
    private static readonly Option<int?> MaxReplicas = new("--max-replicas") { Description = "Replicas per model a worker may grow to while requests queue (default: --replicas, no scaling)" };
    private static readonly Option<string> Device = new("--device") { Description = "cpu | cuda | cuda:N", DefaultValueFactory = _ => "cpu" };
    private static readonly Option<string> Dtype = new("--dtype") { Description = "auto | float32 | float16 | bfloat16", DefaultValueFactory = _ => "auto" };
    private static readonly Option<string> Host = new("--host") { Description = "HTTP bind address (0.0.0.0 for all interfaces)", DefaultValueFactory = _ => "localhost" };
    private static readonly Option<int> Port = new("--port") { Description = "HTTP port", DefaultValueFactory = _ => 8000 };
    private static readonly Option<int> GrpcPort = new("--grpc-port") { Description = "HTTP/2 port for gRPC (granary.v1.InferenceService, grpc.health.v1); 0 turns it off", DefaultValueFactory = _ => 8001 };
    private static readonly Option<string[]> ApiKey = new("--api-key") { Description = "Accepted bearer key; repeatable. Also GRANARY_API_KEYS (comma-separated).", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> ApiKeysFile = new("--api-keys-file") { Description = "JSON file of keys with the models each may use and its requests/tokens per minute. Also GRANARY_API_KEYS_FILE." };
    private static readonly Option<int?> MaxModelLength = new("--max-model-len") { Description = "Context window (default: the model's max_position_embeddings)" };
    private static readonly Option<string?> KvCacheMemory = new("--kv-cache-memory") { Description = "KV cache size, e.g. 2GiB (default: a quarter of free memory)" };
    private static readonly Option<int> MaxNumSeqs = new("--max-num-seqs") { Description = "Sequences batched at once", DefaultValueFactory = _ => 256 };
    private static readonly Option<int?> MaxNumBatchedTokens = new("--max-num-batched-tokens") { Description = "Tokens per forward pass (default 512 on CPU, 8192 on CUDA)" };
    private static readonly Option<int?> Threads = new("--threads") { Description = "CPU threads for libtorch (default: one per core)" };
    private static readonly Option<bool> NoPrefixCaching = new("--no-prefix-caching") { Description = "Turn automatic prefix caching off" };
    private static readonly Option<ClusteringKind> Clustering = new("--clustering") { Description = "Membership store: localhost | redis | adonet", DefaultValueFactory = _ => ClusteringKind.Localhost };
    private static readonly Option<string?> ClusteringConnection = new("--clustering-connection") { Description = "Redis or database connection string. Also GRANARY_CLUSTERING_CONNECTION." };
    private static readonly Option<string> AdoNetInvariant = new("--adonet-invariant") { Description = "ADO.NET provider invariant", DefaultValueFactory = _ => "Npgsql" };
    private static readonly Option<bool> ClusteringInit = new("--clustering-init") { Description = "With --clustering adonet (PostgreSQL): create Orleans' clustering tables at start-up if the database lacks them (idempotent; safe when silos start together)" };
    private static readonly Option<bool> Kubernetes = new("--kubernetes") { Description = "Take silo identity and endpoints from the Kubernetes pod (with --clustering redis|adonet)" };
    private static readonly Option<string> ClusterId = new("--cluster-id") { DefaultValueFactory = _ => "granary" };
    private static readonly Option<string> ServiceId = new("--service-id") { DefaultValueFactory = _ => "granary" };
    private static readonly Option<int> SiloPort = new("--silo-port") { DefaultValueFactory = _ => 11111 };
    private static readonly Option<int> GatewayPort = new("--gateway-port") { DefaultValueFactory = _ => 30000 };
    private static readonly Option<string?> PrimarySilo = new("--primary-silo") { Description = "With localhost clustering: host:port of the first silo, for more processes on this machine" };
    private static readonly Option<string?> LogFormat = new("--log-format") { Description = "Console log format: text or json (default: Logging__Console__FormatterName, else text)" };
    private static readonly Option<int> DrainTimeout = new("--drain-timeout") { Description = "Seconds a stopping server lets its requests finish before it hands the rest to other replicas (workers) or cuts them (gateways)", DefaultValueFactory = _ => 30 };
    private static readonly Option<string?> AdvertisedAddress = new("--advertise-address") { Description = "IP other silos reach this one at (default: loopback for localhost clustering, else this machine's address)" };

    public static RootCommand Build(Func<ServerOptions, CancellationToken, Task<int>> run)
    {
        var root = new RootCommand("Granary: an OpenAI/NIM-compatible LLM inference cluster on Orleans and TorchSharp")
        {
            Role, Model, Replicas, MaxReplicas, Device, Dtype, Host, Port, GrpcPort, ApiKey, ApiKeysFile, MaxModelLength, KvCacheMemory, MaxNumSeqs, MaxNumBatchedTokens,
            NoPrefixCaching, Threads, Clustering, ClusteringConnection, AdoNetInvariant, ClusteringInit, Kubernetes, ClusterId, ServiceId, SiloPort, GatewayPort,
            PrimarySilo, AdvertisedAddress, DrainTimeout, LogFormat,
        };
        root.SetAction(async (result, cancellationToken) =>
        {
            ServerOptions options;
            try
            {
                options = Read(result);
            }
            catch (FormatException error)
            {
                // A bad flag value: say which, as System.CommandLine says a bad flag, without a stack trace.
                await Console.Error.WriteLineAsync($"granary: {error.Message}");
                return 1;
            }
            return await run(options, cancellationToken);
        });
        return root;
    }

    private static ServerOptions Read(ParseResult result)
    {
        var models = result.GetValue(Model) is { Length: > 0 } given
            ? given.Select(ModelSpec.Parse).ToArray()
            : [new ModelSpec("tiny-llama3", Path.Combine(AppContext.BaseDirectory, "models", "tiny-llama3"))];
        var keys = (result.GetValue(ApiKey) ?? [])
            .Concat((Environment.GetEnvironmentVariable("GRANARY_API_KEYS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct().ToArray();
        return new ServerOptions
        {
            Role = result.GetValue(Role),
            Models = models,
            Replicas = Positive(result.GetValue(Replicas), "--replicas"),
            MaxReplicas = result.GetValue(MaxReplicas) is { } max ? Positive(max, "--max-replicas") : null,
            Device = result.GetValue(Device)!,
            Dtype = result.GetValue(Dtype)!,
            Host = result.GetValue(Host)!,
            Port = result.GetValue(Port),
            GrpcPort = result.GetValue(GrpcPort),
            ApiKeys = keys,
            ScopedApiKeys = (result.GetValue(ApiKeysFile) ?? Environment.GetEnvironmentVariable("GRANARY_API_KEYS_FILE")) is { Length: > 0 } file
                ? Granary.Api.Authentication.ApiKeysFile.Load(file)
                : [],
            MaxModelLength = result.GetValue(MaxModelLength),
            KvCacheBytes = result.GetValue(KvCacheMemory) is { } size ? ByteSize.Parse(size) : null,
            MaxNumSequences = Positive(result.GetValue(MaxNumSeqs), "--max-num-seqs"),
            MaxNumBatchedTokens = result.GetValue(MaxNumBatchedTokens),
            EnablePrefixCaching = !result.GetValue(NoPrefixCaching),
            Threads = result.GetValue(Threads) is { } threads ? Positive(threads, "--threads") : null,
            Clustering = result.GetValue(Clustering),
            ClusteringConnection = result.GetValue(ClusteringConnection) ?? Environment.GetEnvironmentVariable("GRANARY_CLUSTERING_CONNECTION"),
            AdoNetInvariant = result.GetValue(AdoNetInvariant)!,
            ClusteringInit = PostgresOnly(result),
            Kubernetes = result.GetValue(Kubernetes),
            ClusterId = result.GetValue(ClusterId)!,
            ServiceId = result.GetValue(ServiceId)!,
            SiloPort = result.GetValue(SiloPort),
            GatewayPort = result.GetValue(GatewayPort),
            PrimarySilo = result.GetValue(PrimarySilo),
            AdvertisedAddress = result.GetValue(AdvertisedAddress),
            LogFormat = result.GetValue(LogFormat) is { } format
                ? format is "json" or "text" ? format : throw new FormatException("--log-format must be text or json")
                : null,
            DrainTimeout = TimeSpan.FromSeconds(result.GetValue(DrainTimeout) is var drain and >= 0 ? drain : throw new FormatException("--drain-timeout must not be negative")),
        };
    }

    // The schema granary ships is Orleans' PostgreSQL one; Orleans matches invariants case-sensitively.
    private static bool PostgresOnly(ParseResult result)
    {
        if (!result.GetValue(ClusteringInit)) return false;
        return result.GetValue(Clustering) == ClusteringKind.AdoNet && result.GetValue(AdoNetInvariant) == "Npgsql"
            ? true
            : throw new FormatException("--clustering-init creates Orleans' PostgreSQL schema: it needs --clustering adonet with --adonet-invariant Npgsql");
    }

    private static int Positive(int value, string name) => value > 0 ? value : throw new FormatException($"{name} must be at least 1");
}
