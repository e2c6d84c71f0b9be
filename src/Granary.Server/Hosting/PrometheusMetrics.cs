using System.Globalization;
using System.Text;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;

namespace Granary.Server.Hosting;

/// <summary>
/// GET /metrics in Prometheus' text format: every live replica's engine counters, labelled by
/// model and replica, gathered from this silo's routing table (the replicas' latest heartbeats).
/// </summary>
internal static class PrometheusMetrics
{
    private static readonly (string Name, string Type, string Help, Func<ReplicaStatus, double> Value)[] Series =
    [
        ("granary_requests_running", "gauge", "Sequences in the running batch.", s => s.Stats.Running),
        ("granary_requests_waiting", "gauge", "Sequences queued for admission.", s => s.Stats.Waiting),
        ("granary_kv_cache_usage_ratio", "gauge", "Share of KV cache blocks in use (0-1).", s => s.Stats.KvCacheUsage),
        ("granary_prefix_cache_queries_total", "counter", "Prompt tokens looked up in the prefix cache.", s => s.Stats.PrefixCacheQueries),
        ("granary_prefix_cache_hits_total", "counter", "Prompt tokens served from the prefix cache.", s => s.Stats.PrefixCacheHits),
        ("granary_prompt_tokens_total", "counter", "Prompt tokens prefilled.", s => s.Stats.TotalPromptTokens),
        ("granary_generation_tokens_total", "counter", "Tokens generated.", s => s.Stats.TotalGeneratedTokens),
        ("granary_generation_tokens_per_second", "gauge", "Generation throughput over the last seconds.", s => s.Stats.GenerationTokensPerSecond),
        ("granary_preemptions_total", "counter", "Sequences preempted for lack of KV blocks.", s => s.Stats.Preemptions),
    ];

    public static IEndpointRouteBuilder MapPrometheusMetrics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/metrics", (ReplicaTable table) =>
            Results.Text(Render(table.Replicas()), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }

    private static string Render(IReadOnlyList<ReplicaStatus> replicas)
    {
        var text = new StringBuilder();
        foreach (var (name, type, help, value) in Series)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
            foreach (var replica in replicas)
            {
                text.Append(name).Append("{model=\"").Append(Escape(replica.Key.Model)).Append("\",replica=\"")
                    .Append(Escape($"{replica.Key.Silo}#{replica.Key.Index}")).Append("\"} ")
                    .Append(value(replica).ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string Escape(string label) => label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
