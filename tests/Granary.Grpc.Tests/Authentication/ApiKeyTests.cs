using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Grpc.Core;
using Grpc.Health.V1;

namespace Granary.Grpc.Tests.Authentication;

public sealed class ApiKeyTests
{
    private static Metadata Bearer(string key) => new() { { "authorization", $"Bearer {key}" } };

    [Fact]
    public async Task Without_keys_every_call_is_open()
    {
        await using var host = await GrpcHost.StartAsync();

        var models = await host.Inference.ListModelsAsync(new ListModelsRequest());

        Assert.Single(models.Models);
    }

    [Fact]
    public async Task A_missing_key_is_unauthenticated_on_every_kind_of_call()
    {
        await using var host = await GrpcHost.StartAsync(o => o.ApiKeys.Add("sk-one"));

        var message = await RpcAssert.FailsAsync(() => host.Inference.ListModelsAsync(new ListModelsRequest()).ResponseAsync,
            StatusCode.Unauthenticated, null, "invalid_api_key");
        await RpcAssert.FailsAsync(() => host.Inference.Generate(Calls.Generate()).ReadAllAsync(),
            StatusCode.Unauthenticated, null, "invalid_api_key");
        await RpcAssert.FailsAsync(() => host.Inference.TokenizeAsync(new TokenizeRequest { Prompt = "a" }).ResponseAsync,
            StatusCode.Unauthenticated, null, "invalid_api_key");

        Assert.Contains("authorization: Bearer", message);
        Assert.Empty(host.Client.Calls);
        Assert.Empty(host.Client.TokenizeCalls);
    }

    [Theory]
    [InlineData("Bearer sk-wrong")]
    [InlineData("Bearer sk-one-and-more")]
    [InlineData("Basic sk-one")]
    [InlineData("sk-one")]
    public async Task A_wrong_key_or_scheme_is_unauthenticated(string authorization)
    {
        await using var host = await GrpcHost.StartAsync(o => o.ApiKeys.Add("sk-one"));

        await RpcAssert.FailsAsync(() => host.Inference.Chat(Calls.Chat(), new Metadata { { "authorization", authorization } }).ReadAllAsync(),
            StatusCode.Unauthenticated, null, "invalid_api_key");

        Assert.Empty(host.Client.Calls);
    }

    [Fact]
    public async Task Any_configured_key_is_accepted_and_the_scheme_is_case_insensitive()
    {
        await using var host = await GrpcHost.StartAsync(o =>
        {
            o.ApiKeys.Add("sk-one");
            o.ApiKeys.Add("sk-two");
        });

        var messages = await host.Inference.Generate(Calls.Generate(), Bearer("sk-two")).ReadAllAsync();
        var models = await host.Inference.ListModelsAsync(new ListModelsRequest(), new Metadata { { "authorization", "bearer sk-one" } });

        Assert.Equal(GenerateResponse.EventOneofCase.End, messages[^1].EventCase);
        Assert.Single(models.Models);
    }

    [Fact]
    public async Task Health_checks_need_no_key()
    {
        await using var host = await GrpcHost.StartAsync(o => o.ApiKeys.Add("sk-one"));

        var response = await host.Health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}
