using Granary.Bench.Clients;
using Granary.Bench.Metrics;
using Granary.Bench.Workload;

namespace Granary.Bench.Tests.Workload;

public sealed class LoadRunnerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task A_concurrency_run_keeps_exactly_that_many_requests_in_flight(int concurrency)
    {
        var client = new CountingClient(TimeSpan.FromMilliseconds(30));
        var requests = PromptGenerator.Generate(new Random(1), 9, 4, 2, 100);
        var run = await new LoadRunner(client).RunAsync(requests, LoadPoint.Concurrency(concurrency), new double[requests.Length]);

        Assert.Equal(concurrency, client.PeakInFlight);
        // Every request was sent once; two sends released in the same instant may reach the client in either order.
        Assert.Equal(Enumerable.Range(0, 9), client.Started.Order());
        Assert.Equal(Enumerable.Range(0, 9), run.Requests.Select(r => r.PromptTokens)); // outcomes in request order
        Assert.All(run.Requests, r => Assert.True(r.Success));
        // Nine 30 ms requests in waves of `concurrency`.
        Assert.True(run.DurationSeconds >= 0.03 * Math.Ceiling(9.0 / concurrency) * 0.9, $"{run.DurationSeconds} s");
    }

    [Fact]
    public async Task Arrival_times_are_honoured()
    {
        var client = new CountingClient(TimeSpan.Zero);
        var requests = PromptGenerator.Generate(new Random(1), 3, 4, 2, 100);
        var run = await new LoadRunner(client).RunAsync(requests, new LoadPoint(10, null), [0.0, 0.1, 0.2]);

        var starts = run.Requests.Select(r => r.StartTime).ToArray();
        Assert.True(starts[1] >= 0.095 && starts[2] >= 0.195, string.Join(", ", starts));
        Assert.True(run.DurationSeconds >= 0.195);
    }

    [Fact]
    public async Task A_client_that_throws_gives_a_failed_outcome_not_a_crash()
    {
        var requests = PromptGenerator.Generate(new Random(1), 2, 4, 2, 100);
        var run = await new LoadRunner(new ThrowingClient()).RunAsync(requests, LoadPoint.Concurrency(2), [0.0, 0.0]);
        Assert.All(run.Requests, r =>
        {
            Assert.False(r.Success);
            Assert.Equal("InvalidOperationException: boom", r.Error);
        });
    }

    private sealed class CountingClient(TimeSpan duration) : IBenchClient
    {
        private readonly Lock _gate = new();
        private int _inFlight;

        public int PeakInFlight { get; private set; }

        public List<int> Started { get; } = [];

        public async Task<RequestOutcome> SendAsync(BenchRequest request, double runStart, CancellationToken cancellationToken)
        {
            var sentAt = MonotonicClock.Now;
            lock (_gate)
            {
                Started.Add(request.Index);
                PeakInFlight = Math.Max(PeakInFlight, ++_inFlight);
            }
            await Task.Delay(duration, cancellationToken);
            lock (_gate) _inFlight--;
            var end = MonotonicClock.Now - sentAt;
            return new RequestOutcome { Success = true, PromptTokens = request.Index, OutputTokens = 2, StartTime = sentAt - runStart, Ttft = end, Latency = end };
        }
    }

    private sealed class ThrowingClient : IBenchClient
    {
        public Task<RequestOutcome> SendAsync(BenchRequest request, double runStart, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("boom");
    }
}
