using Granary.Grpc.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Granary.Grpc.Tests.Health;

public sealed class HealthTests
{
    [Theory]
    [InlineData("")]
    [InlineData("granary.v1.InferenceService")]
    public async Task The_server_and_the_inference_service_serve_once_the_cluster_is_ready(string service)
    {
        await using var host = await GrpcHost.StartAsync();

        var ready = await host.Health.CheckAsync(new HealthCheckRequest { Service = service });
        host.Client.Ready = () => false;
        var notReady = await host.Health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(ServingStatus.Serving, ready.Status);
        Assert.Equal(ServingStatus.NotServing, notReady.Status);
    }

    [Fact]
    public async Task A_cluster_that_cannot_answer_is_not_serving()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Ready = () => throw new TimeoutException("silo unreachable");

        var response = await host.Health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(ServingStatus.NotServing, response.Status);
    }

    [Fact]
    public async Task Liveness_serves_while_the_process_answers_even_when_not_ready()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Ready = () => false;

        var response = await host.Health.CheckAsync(new HealthCheckRequest { Service = "liveness" });

        Assert.Equal(ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task An_unknown_service_is_not_found()
    {
        await using var host = await GrpcHost.StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => host.Health.CheckAsync(new HealthCheckRequest { Service = "nope" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
