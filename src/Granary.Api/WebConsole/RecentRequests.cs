namespace Granary.Api.WebConsole;

/// <summary>The last <see cref="Capacity"/> generation requests this gateway finished, newest first; bounded, in memory only.</summary>
internal sealed class RecentRequests
{
    public const int Capacity = 50;

    private readonly Lock _lock = new();
    private readonly RecentRequest[] _ring = new RecentRequest[Capacity];
    private int _next;
    private int _count;

    public void Add(RecentRequest request)
    {
        lock (_lock)
        {
            _ring[_next] = request;
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    public IReadOnlyList<RecentRequest> Newest()
    {
        lock (_lock)
        {
            var newest = new RecentRequest[_count];
            for (var i = 0; i < _count; i++)
            {
                newest[i] = _ring[(_next - 1 - i + Capacity) % Capacity];
            }

            return newest;
        }
    }
}
