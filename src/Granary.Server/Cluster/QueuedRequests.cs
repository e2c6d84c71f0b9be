using Granary.Grains.Routing;

namespace Granary.Server.Cluster;

/// <summary>
/// This gateway's requests that have had no event yet, per replica, so a queued one can move to a
/// replica with room (one just added included) instead of waiting where it was first sent. The
/// engines queue first-come first-served, so of a replica's W waiting requests (its heartbeat), this
/// gateway's W newest are taken as the queued ones; older ones are running and stay.
/// </summary>
internal sealed class QueuedRequests(ReplicaTable table, ILogger<QueuedRequests> logger)
{
    /// <summary>How long a request waits before it may move: a heartbeat, so the queue it sees is not older than the request.</summary>
    public static readonly TimeSpan MoveAfter = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<Ticket>> _pending = new(StringComparer.Ordinal);
    private long _sequence;

    public Ticket Enter(string replica)
    {
        var ticket = new Ticket(replica, Interlocked.Increment(ref _sequence), DateTime.UtcNow);
        lock (_lock)
        {
            if (!_pending.TryGetValue(replica, out var list)) _pending[replica] = list = [];
            list.Add(ticket);
        }
        return ticket;
    }

    public void Leave(Ticket ticket)
    {
        lock (_lock)
        {
            if (!_pending.TryGetValue(ticket.Replica, out var list)) return;
            list.Remove(ticket);
            if (list.Count == 0) _pending.Remove(ticket.Replica);
        }
    }

    /// <summary>A replica with room to move the request to, when it is among its replica's queued ones; null to stay.</summary>
    public string? MoveTarget(string model, Ticket ticket, string requestId)
    {
        if (DateTime.UtcNow - ticket.Entered < MoveAfter) return null;
        var (waiting, running) = table.Queue(ticket.Replica);
        if (waiting == 0) return null;
        int newer;
        lock (_lock)
        {
            if (!_pending.TryGetValue(ticket.Replica, out var list)) return null;
            newer = list.Count(t => t.Sequence > ticket.Sequence);
        }
        if (newer >= waiting) return null; // older than the queue: running there
        var target = table.TakeRoom(model, ticket.Replica, running);
        if (target is not null)
            logger.LogInformation("Request {Request}: moving from {From} ({Waiting} waiting) to {To}, which has room", requestId, ticket.Replica, waiting, target);
        return target;
    }

    public sealed record Ticket(string Replica, long Sequence, DateTime Entered);
}
