using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Grpc.Core;

namespace Granary.Grpc.Tests.Services;

public sealed class CancellationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_client_that_cancels_aborts_the_generation()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, ct) => Scripts.Endless(ct);
        using var cancel = new CancellationTokenSource();
        using var call = host.Inference.Generate(Calls.Generate(), cancellationToken: cancel.Token);

        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(GenerateResponse.EventOneofCase.Start, call.ResponseStream.Current.EventCase);
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(GenerateResponse.EventOneofCase.Delta, call.ResponseStream.Current.EventCase);
        Assert.False(host.Client.Calls.Single().Token.IsCancellationRequested);

        await cancel.CancelAsync();

        await host.Client.GenerationCancelled.Task.WaitAsync(Patience);
        Assert.True(host.Client.Calls.Single().Token.IsCancellationRequested);
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task A_passed_deadline_aborts_the_generation()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, ct) => Scripts.Endless(ct);

        // Long enough for a cold, loaded host to reach the handler: a deadline that passes before the
        // call starts never starts a generation at all, which is not what this test is about.
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            host.Inference.Chat(Calls.Chat(), deadline: DateTime.UtcNow.AddSeconds(2)).ReadAllAsync());

        // The client's deadline timer and the server's race: when the server's fires first it resets the
        // stream mid-response, which the in-memory test transport reports as UNAVAILABLE (seen under load).
        Assert.True(error.StatusCode is StatusCode.DeadlineExceeded or StatusCode.Unavailable, error.ToString());
        Assert.Single(host.Client.Calls);
        await host.Client.GenerationCancelled.Task.WaitAsync(Patience);
    }
}
