using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using Granary.Grpc.Tests.Infrastructure;

namespace Granary.Grpc.Tests.Reflection;

/// <summary>grpcurl-style clients discover the services and their descriptors without the .proto.</summary>
public sealed class ServerReflectionTests
{
    [Fact]
    public async Task Lists_the_services_and_describes_the_inference_service()
    {
        await using var host = await GrpcHost.StartAsync();
        using var call = host.Reflection.ServerReflectionInfo();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToArray();

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "granary.v1.InferenceService" });
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto;
        await call.RequestStream.CompleteAsync();

        Assert.Contains("granary.v1.InferenceService", services);
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.NotEmpty(files);
        var descriptor = Google.Protobuf.Reflection.FileDescriptorProto.Parser.ParseFrom(files[0]);
        Assert.Contains(descriptor.Service, s => s.Name == "InferenceService" && s.Method.Any(m => m.Name == "Chat"));
    }
}
