using Granary.Engine.Abstractions;

namespace Granary.Serving.Generation;

/// <summary>An engine event tagged with the prompt (engine request) it belongs to.</summary>
internal readonly record struct IndexedEvent(int PromptIndex, GenerationEvent Event);
