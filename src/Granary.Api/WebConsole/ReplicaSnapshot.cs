using Granary.Engine.Abstractions;

namespace Granary.Api.WebConsole;

/// <summary>One live replica of a model on a silo, with the load its latest heartbeat reported.</summary>
public sealed record ReplicaSnapshot(string Model, string Silo, int Index, bool Draining, EngineStats Stats);
