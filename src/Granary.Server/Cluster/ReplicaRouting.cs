using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;
using Granary.Serving;

namespace Granary.Server.Cluster;

/// <summary>
/// Picks replicas for this gateway's requests with its replica table's routing policy: by cached
/// prefix against load, keeping a session's replica as a hint while it is not overloaded; and a
/// replacement when a request's replica went away. A 404 or a 503 with its reason when there is none.
/// </summary>
internal sealed class ReplicaRouting(ReplicaTable table, ILogger<ReplicaRouting> logger)
{
    // A replica lost mid-request: how long to wait for a replacement before the client is told.
    private static readonly TimeSpan FailoverPatience = TimeSpan.FromSeconds(15);

    // A session grain whose silo just died answers after membership notices (seconds): route without it meanwhile.
    private static readonly TimeSpan SessionPatience = TimeSpan.FromSeconds(1);

    /// <summary>The replica for a new request; a 404 or a 503 when there is none.</summary>
    public async Task<string> RouteAsync(string model, ISessionGrain? session, RoutingRequest request, CancellationToken ct)
    {
        // A table that just started has not heard from every replica yet: it waits for one rather than answer 404 or 503.
        var deadline = table.StartedAt + ReplicaTable.Expiry;
        while (true)
        {
            if (await PickAsync(model, session, request, ct) is { } replica) return replica;
            if (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
                continue;
            }
            var card = table.Models().FirstOrDefault(m => m.Id == model)
                ?? throw new ModelNotFoundException(model, table.Models().Select(m => m.Id).ToArray());
            throw Unavailable(card);
        }
    }

    private async Task<string?> PickAsync(string model, ISessionGrain? session, RoutingRequest request, CancellationToken ct)
    {
        var preferred = session is null ? null : await SessionReplicaAsync(session, s => s.Resolve(), ct);
        var decision = table.Route(model, request with { Preferred = preferred });
        if (decision is not null && session is not null && decision.Key != preferred) Bind(session, decision.Key);
        return decision?.Key;
    }

    /// <summary>Drops the replica that went away and waits (boundedly) for another to resume on.</summary>
    public async Task<string> FailoverAsync(string model, ISessionGrain? session, string failed, RoutingRequest request, CancellationToken ct)
    {
        table.Remove(failed, "a request's call to it failed");
        var deadline = DateTime.UtcNow + FailoverPatience;
        while (true)
        {
            if (await RebindAsync(model, session, failed, request, ct) is { } next) return next;
            if (DateTime.UtcNow >= deadline) throw Lost(model, $"no other replica took it over within {FailoverPatience.TotalSeconds:0}s");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private async Task<string?> RebindAsync(string model, ISessionGrain? session, string failed, RoutingRequest request, CancellationToken ct)
    {
        var preferred = session is null ? null : await SessionReplicaAsync(session, s => s.Rebind(failed), ct);
        var decision = table.Route(model, request with { Preferred = preferred == failed ? null : preferred, Avoid = failed });
        if (decision is not null && session is not null && decision.Key != preferred) Bind(session, decision.Key);
        return decision?.Key;
    }

    /// <summary>The session's replica, or null when its grain does not answer in time (route without the hint meanwhile).</summary>
    private static async Task<string?> SessionReplicaAsync(ISessionGrain session, Func<ISessionGrain, Task<string?>> call, CancellationToken ct)
    {
        try
        {
            return await call(session).WaitAsync(SessionPatience, ct);
        }
        catch (Exception error) when (!ct.IsCancellationRequested && (error is TimeoutException || ReplicaFailures.IsReplicaGone(error)))
        {
            return null;
        }
    }

    // Not awaited: the hint is for the session's next turn, and this request must not wait on it.
    private void Bind(ISessionGrain session, string replica) => session.Bind(replica).ContinueWith(
        t => logger.LogDebug("Session {Session} not re-bound to {Replica}: {Error}", session.GetPrimaryKeyString(), replica, t.Exception?.GetBaseException().Message),
        CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>The request's replica went away and it could not go on elsewhere.</summary>
    public static ServiceUnavailableException Lost(string model, string why) =>
        new($"The replica of '{model}' serving this request went away and {why}; try again shortly.", UnavailableCodes.ReplicaLost, 5);

    private static ServiceUnavailableException Unavailable(ModelCard card) => card.State switch
    {
        ModelStates.Loading => new($"The model '{card.Id}' is still loading; try again shortly.", UnavailableCodes.ModelLoading, 5),
        ModelStates.Draining => new($"Every replica of '{card.Id}' is shutting down; try again shortly.", UnavailableCodes.ReplicasDraining, 2),
        _ => new($"The model '{card.Id}' has no live replica right now; try again shortly.", UnavailableCodes.NoReplica, 5),
    };
}
