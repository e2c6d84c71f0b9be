using System.Globalization;

namespace Granary.Server.CommandLine;

/// <summary>
/// Every flag of the granary command line. A new setting is a property on its concern's options type plus one line
/// here; the command line, its GRANARY_* variable and the config file (<c>--config</c>) then all reach it.
/// </summary>
internal static class Flags
{
    public const string ConfigFile = "--config";

    public static readonly IReadOnlyList<Flag> All =
    [
        new("--role", "Role", "all | gateway (HTTP only, no models) | worker (models only)"),
        new("--model", "Models", "A Hugging Face model folder to serve, as [name=]PATH; repeatable (default: the bundled tiny-llama3)", FlagKind.Repeated),

        new("--routing", "Routing", "Gateway routing: prefix (cached prefix against load) | load (least loaded only, for comparison)"),
        new("--log-format", "LogFormat", "Console log format: text | json (default: Logging__Console__FormatterName, else text)"),
        new("--host", "Http:Host", "HTTP bind address (0.0.0.0 for all interfaces)"),
        new("--port", "Http:Port", "HTTP port"),
        new("--grpc-port", "Http:GrpcPort", "HTTP/2 port for gRPC (granary.v1.InferenceService, grpc.health.v1); 0 turns it off"),
        new("--api-key", "ApiKeys:Keys", "Accepted bearer key, every model, no limits; repeatable", FlagKind.Repeated, Env: "GRANARY_API_KEYS"),
        new("--api-keys-file", "ApiKeys:File", "JSON file of keys with the models each may use and its requests/tokens per minute"),
        new("--allow-image-urls", "Images:AllowFetch", "Fetch http(s) image URLs in chat messages (20 MiB, 10 s, 3 redirects at most; public addresses only); data: URLs are always accepted", FlagKind.Switch),
        new("--allow-private-image-urls", "Images:AllowPrivateAddresses", "With --allow-image-urls: also fetch from loopback and private addresses", FlagKind.Switch),

        new("--device", "Engine:Device", "cpu | cuda | cuda:N"),
        new("--dtype", "Engine:Dtype", "auto | float32 | float16 | bfloat16"),
        new("--max-model-len", "Engine:MaxModelLength", "Context window (default: the model's max_position_embeddings)"),
        new("--kv-cache-memory", "Engine:KvCacheBytes", "KV cache size, e.g. 2GiB (default: --memory-fraction of free memory)", Convert: Bytes),
        new("--memory-fraction", "Engine:MemoryFraction", "Share of free memory the KV cache takes when --kv-cache-memory is not given"),
        new("--block-size", "Engine:BlockSize", "Tokens per KV cache block (the prefix cache's unit)"),
        new("--max-num-seqs", "Engine:MaxNumSequences", "Sequences batched at once"),
        new("--max-num-batched-tokens", "Engine:MaxNumBatchedTokens", "Tokens per forward pass (default 512 on CPU, 8192 on CUDA)"),
        new("--no-prefix-caching", "Engine:EnablePrefixCaching", "Turn automatic prefix caching off", FlagKind.NegatedSwitch),
        new("--threads", "Engine:Threads", "CPU threads for libtorch (default: one per core)"),
        new("--tool-call-parser", "Engine:ToolCallFormat", "How the model writes tool calls: auto (from the chat template) | hermes | llama3_json | none"),

        new("--replicas", "Worker:ReplicasPerModel", "Engines per model on each worker silo"),
        new("--max-replicas", "Worker:MaxReplicasPerModel", "Replicas per model a worker may grow to while requests queue (default: --replicas, no scaling)"),
        new("--drain-timeout", "Worker:DrainTimeout", "Seconds a stopping server lets its requests finish before it hands the rest to other replicas (workers) or cuts them (gateways)", Convert: Seconds),

        new("--clustering", "Cluster:Kind", "Membership store: localhost | redis | adonet"),
        new("--clustering-connection", "Cluster:Connection", "Redis or database connection string"),
        new("--adonet-invariant", "Cluster:AdoNetInvariant", "ADO.NET provider invariant"),
        new("--clustering-init", "Cluster:CreateSchema", "With --clustering adonet (PostgreSQL): create Orleans' clustering tables at start-up if the database lacks them (idempotent; safe when silos start together)", FlagKind.Switch),
        new("--kubernetes", "Cluster:Kubernetes", "Take silo identity and endpoints from the Kubernetes pod (with --clustering redis|adonet)", FlagKind.Switch),
        new("--cluster-id", "Cluster:ClusterId", "Orleans cluster id: silos with the same id form one cluster"),
        new("--service-id", "Cluster:ServiceId", "Orleans service id"),
        new("--silo-port", "Cluster:SiloPort", "Port silos talk to each other on"),
        new("--gateway-port", "Cluster:GatewayPort", "Orleans client gateway port"),
        new("--primary-silo", "Cluster:PrimarySilo", "With localhost clustering: host:port of the first silo, for more processes on this machine"),
        new("--advertise-address", "Cluster:AdvertiseAddress", "IP other silos reach this one at (default: loopback for localhost clustering, else this machine's address)"),
    ];

    /// <summary>The flag that sets <paramref name="key"/>, for messages that name what the user typed.</summary>
    public static string NameOf(string key) =>
        All.FirstOrDefault(f => string.Equals(f.Key, key, StringComparison.OrdinalIgnoreCase))?.Name ?? key;

    private static string Bytes(string text) => ByteSize.Parse(text).ToString(CultureInfo.InvariantCulture);

    private static string Seconds(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds).ToString("c", CultureInfo.InvariantCulture)
            : throw new FormatException($"'{text}' is not a number of seconds (0 or more)");
}
