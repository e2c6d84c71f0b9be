using Granary.Engine.Abstractions;
using Granary.Grains.Abstractions;
using Granary.Grains.Routing;
using Granary.Serving;

namespace Granary.Server.Cluster;

/// <summary>
/// Picks replicas for this gateway's requests from its replica table: a session's own when it has
/// one (asked of the session grain, but never for long), else the least loaded; and a replacement
/// when a request's replica went away. A 404 or a 503 with its reason when there is none.
/// </summary>
internal sealed class ReplicaRouting(ReplicaTable table)
{
    // A replica lost mid-request: how long to wait for a replacement before the client is told.
    private static readonly TimeSpan FailoverPatience = TimeSpan.FromSeconds(15);

    // A session grain whose silo just died answers after membership notices (seconds): route without it meanwhile.
    private static readonly TimeSpan SessionPatience = TimeSpan.FromSeconds(1);

    /// <summary>The replica for a new request: the session's when it has one, else the least loaded; a 404 or a 503 when there is none.</summary>
    public async Task<string> RouteAsync(string model, ISessionGrain? session, CancellationToken ct)
    {
        // A table that just started has not heard from every replica yet: it waits for one rather than answer 404 or 503.
        var deadline = table.StartedAt + ReplicaTable.Expiry;
        while (true)
        {
            if (await PickAsync(model, session, ct) is { } replica) return replica;
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

    private async Task<string?> PickAsync(string model, ISessionGrain? session, CancellationToken ct)
    {
        if (session is null) return table.Pick(model);
        try
        {
            return await session.Resolve().WaitAsync(SessionPatience, ct) ?? table.Pick(model);
        }
        catch (Exception error) when (!ct.IsCancellationRequested && (error is TimeoutException || ReplicaFailures.IsReplicaGone(error)))
        {
            return table.Pick(model);
        }
    }

    /// <summary>Drops the replica that went away and waits (boundedly) for another to resume on.</summary>
    public async Task<string> FailoverAsync(string model, ISessionGrain? session, string failed, CancellationToken ct)
    {
        table.Remove(failed, "a request's call to it failed");
        var deadline = DateTime.UtcNow + FailoverPatience;
        while (true)
        {
            if (await RebindAsync(model, session, failed, ct) is { } next) return next;
            if (DateTime.UtcNow >= deadline) throw Lost(model, $"no other replica took it over within {FailoverPatience.TotalSeconds:0}s");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private async Task<string?> RebindAsync(string model, ISessionGrain? session, string failed, CancellationToken ct)
    {
        if (session is null) return table.Pick(model, avoid: failed);
        try
        {
            var next = await session.Rebind(failed).WaitAsync(SessionPatience, ct);
            return next != failed ? next : table.Pick(model, avoid: failed);
        }
        catch (Exception error) when (!ct.IsCancellationRequested && (error is TimeoutException || ReplicaFailures.IsReplicaGone(error)))
        {
            return table.Pick(model, avoid: failed);
        }
    }

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
