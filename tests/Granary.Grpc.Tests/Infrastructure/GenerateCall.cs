using Granary.Engine.Abstractions;

namespace Granary.Grpc.Tests.Infrastructure;

internal sealed record GenerateCall(string Model, GenerationRequest Request, string? SessionId, CancellationToken Token);
