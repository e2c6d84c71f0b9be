using Granary.Engine.Abstractions;

namespace Granary.Testing.ScriptedInference;

internal sealed record GenerateCall(string Model, GenerationRequest Request, string? SessionId, CancellationToken Token);
