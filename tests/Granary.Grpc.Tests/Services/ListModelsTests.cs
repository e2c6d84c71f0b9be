using Granary.Engine.Abstractions;
using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;

namespace Granary.Grpc.Tests.Services;

public sealed class ListModelsTests
{
    [Fact]
    public async Task Every_served_model_is_listed_with_its_card()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Models.Add(new ModelCard { Id = "tiny-llama3", MaxModelLength = 2048 });

        var response = await host.Inference.ListModelsAsync(new ListModelsRequest());

        Assert.Equal(2, response.Models.Count);
        Assert.Equal(new Model { Id = ScriptedInferenceClient.Model, MaxModelLength = 8192, Root = "/models/llama", Created = 1_700_000_000, OwnedBy = "granary" }, response.Models[0]);
        Assert.Equal("tiny-llama3", response.Models[1].Id);
        Assert.Equal(2048, response.Models[1].MaxModelLength);
    }

    [Fact]
    public async Task No_models_is_an_empty_list()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Models.Clear();

        var response = await host.Inference.ListModelsAsync(new ListModelsRequest());

        Assert.Empty(response.Models);
    }
}
