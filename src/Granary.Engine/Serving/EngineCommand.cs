using Granary.Engine.Scheduling;

namespace Granary.Engine.Serving;

/// <summary>What callers ask of the engine thread: start a request, or abort one.</summary>
internal abstract record EngineCommand
{
    public sealed record Add(RequestState Request) : EngineCommand;

    public sealed record Abort(string RequestId) : EngineCommand;
}
