using Granary.Api.Images;
using Granary.Engine.Serving;
using Granary.Grains.Hosting;

namespace Granary.Server.CommandLine;

/// <summary>
/// Everything configuration decides about this process, one options type per concern, bound from the config file,
/// GRANARY_* variables and flags (<see cref="ServerConfiguration"/>). The engine and worker settings are the engine's
/// and the grains' own options types, so a setting they gain needs no copy here.
/// </summary>
internal sealed class ServerOptions
{
    public ServerRole Role { get; set; } = ServerRole.All;

    /// <summary>[name=]PATH of each model folder; none means the bundled tiny-llama3.</summary>
    public List<string> Models { get; set; } = [];

    public HttpOptions Http { get; set; } = new();

    public RoutingPolicyKind Routing { get; set; } = RoutingPolicyKind.Prefix;

    public ApiKeyOptions ApiKeys { get; set; } = new();

    public MembershipOptions Cluster { get; set; } = new();

    /// <summary>Replicas, scaling and drain; <see cref="WorkerOptions.Models"/> is filled from <see cref="Models"/>.</summary>
    public WorkerOptions Worker { get; set; } = new();

    /// <summary>Settings every served model's engine gets; its path and name come from <see cref="Models"/>.</summary>
    public EngineOptions Engine { get; set; } = new() { ModelPath = "" };

    /// <summary>Whether the HTTP API fetches http(s) image URLs in chats, and from which addresses.</summary>
    public ImageUrlOptions Images { get; set; } = new();

    /// <summary>Route by cached prefix against load (--routing prefix); false: by load alone (--routing load).</summary>
    public bool PrefixRouting { get; init; } = true;

    /// <summary>Console log format; null leaves it to Logging:Console:FormatterName (else text).</summary>
    public LogFormat? LogFormat { get; set; }

    public bool ServesApi => Role != ServerRole.Worker;

    public bool RunsEngines => Role != ServerRole.Gateway;

    public IReadOnlyList<ModelSpec> ModelSpecs() => Models.Count > 0
        ? Models.Select(ModelSpec.Parse).ToArray()
        : [new ModelSpec("tiny-llama3", Path.Combine(AppContext.BaseDirectory, "models", "tiny-llama3"))];

    public IEnumerable<EngineOptions> Engines() =>
        ModelSpecs().Select(model => Engine with { ModelPath = model.Path, ServedName = model.Name });
}
