using Granary.Engine.Abstractions;

namespace Granary.Api.Tests.Infrastructure;

internal sealed record GenerateCall(string Model, GenerationRequest Request, string? SessionId, CancellationToken Token);
