using Granary.Api.WebConsole;

namespace Granary.Api.Tests.WebConsole;

public sealed class RecentRequestsTests
{
    private static RecentRequest Request(int status) =>
        new() { Time = DateTimeOffset.UnixEpoch, Endpoint = "/v1/completions", Status = status, DurationMs = 1 };

    [Fact]
    public void Keeps_the_newest_up_to_its_capacity_newest_first()
    {
        var log = new RecentRequests();
        Assert.Empty(log.Newest());

        for (var i = 0; i < RecentRequests.Capacity + 7; i++) log.Add(Request(i));

        var newest = log.Newest();
        Assert.Equal(RecentRequests.Capacity, newest.Count);
        Assert.Equal(Enumerable.Range(7, RecentRequests.Capacity).Reverse(), newest.Select(r => r.Status));
    }

    [Fact]
    public async Task Concurrent_writers_lose_nothing_below_capacity()
    {
        var log = new RecentRequests();
        await Task.WhenAll(Enumerable.Range(0, RecentRequests.Capacity).Select(i => Task.Run(() => log.Add(Request(i)))));

        Assert.Equal(Enumerable.Range(0, RecentRequests.Capacity), log.Newest().Select(r => r.Status).Order());
    }
}
