using Granary.Engine.Abstractions;
using Granary.Grpc.Errors;
using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Granary.Serving;
using Grpc.Core;
using static Granary.Testing.ScriptedInference.Scripts;

namespace Granary.Grpc.Tests.Errors;

public sealed class ErrorMappingTests
{
    [Fact]
    public async Task A_refused_request_is_invalid_argument_with_param_and_code_and_no_messages()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, _) => FailAtOnce(
            new EngineRequestException("This model's maximum context length is 8192 tokens.", "messages", "context_length_exceeded"));
        var received = new List<GenerateResponse>();

        var message = await RpcAssert.FailsAsync(async () =>
        {
            using var call = host.Inference.Generate(Calls.Generate());
            await foreach (var item in call.ResponseStream.ReadAllAsync())
            {
                received.Add(item);
            }
        }, StatusCode.InvalidArgument, "messages", "context_length_exceeded");

        Assert.Equal("This model's maximum context length is 8192 tokens.", message);
        Assert.Empty(received);
    }

    [Fact]
    public async Task An_engine_error_without_param_or_code_has_no_such_trailers()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Tokenize = (_, _, _) => throw new EngineRequestException("The chat template failed.");

        await RpcAssert.FailsAsync(() => host.Inference.TokenizeAsync(new TokenizeRequest { Prompt = "x" }).ResponseAsync,
            StatusCode.InvalidArgument, null, null);
    }

    [Fact]
    public async Task An_unknown_model_is_not_found_naming_the_served_ones()
    {
        await using var host = await GrpcHost.StartAsync();
        var request = Calls.Generate();
        request.Model = "nope";

        var message = await RpcAssert.FailsAsync(() => host.Inference.Generate(request).ReadAllAsync(),
            StatusCode.NotFound, "model", "model_not_found");

        Assert.Contains("'nope'", message);
        Assert.Contains(ScriptedInferenceClient.Model, message);
        await RpcAssert.FailsAsync(() => host.Inference.TokenizeAsync(new TokenizeRequest { Model = "nope", Prompt = "x" }).ResponseAsync,
            StatusCode.NotFound, "model", "model_not_found");
        await RpcAssert.FailsAsync(() => host.Inference.DetokenizeAsync(new DetokenizeRequest { Model = "nope" }).ResponseAsync,
            StatusCode.NotFound, "model", "model_not_found");
    }

    [Fact]
    public async Task A_model_without_live_replicas_is_unavailable()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, _) => FailAtOnce(new ServiceUnavailableException("No replica of the model is live."));

        var message = await RpcAssert.FailsAsync(() => host.Inference.Chat(Calls.Chat()).ReadAllAsync(),
            StatusCode.Unavailable, null, "no_replica");

        Assert.Equal("No replica of the model is live.", message);
    }

    [Fact]
    public async Task A_server_fault_is_internal_and_does_not_leak_its_message()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, _) => FailAtOnce(new InvalidOperationException("secret stack detail"));

        var message = await RpcAssert.FailsAsync(() => host.Inference.Generate(Calls.Generate()).ReadAllAsync(),
            StatusCode.Internal, null, null);

        Assert.Equal(ExceptionStatusMapper.InternalErrorMessage, message);
    }

    [Fact]
    public async Task A_stream_without_its_prompt_event_is_a_server_fault()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, ct) => Play([Delta(0, "a", 1)], ct);

        await RpcAssert.FailsAsync(() => host.Inference.Generate(Calls.Generate()).ReadAllAsync(), StatusCode.Internal, null, null);
    }

    [Fact]
    public async Task A_failure_midway_ends_the_stream_with_a_status_after_what_was_sent()
    {
        await using var host = await GrpcHost.StartAsync();
        host.Client.Generate = (_, _) => FailAfterOneDelta(new ServiceUnavailableException("The replica went away."));
        var received = new List<GenerateResponse>();

        await RpcAssert.FailsAsync(async () =>
        {
            using var call = host.Inference.Generate(Calls.Generate());
            await foreach (var item in call.ResponseStream.ReadAllAsync())
            {
                received.Add(item);
            }
        }, StatusCode.Unavailable, null, "no_replica");

        Assert.Equal([GenerateResponse.EventOneofCase.Start, GenerateResponse.EventOneofCase.Delta], received.Select(m => m.EventCase));
        Assert.Equal("partial", received[1].Delta.Text);
    }
}
