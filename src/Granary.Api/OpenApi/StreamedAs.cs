namespace Granary.Api.OpenApi;

/// <summary>
/// Endpoint metadata: with <c>stream: true</c> the 200 answer is a text/event-stream of these chunks.
/// ApiExplorer keeps one schema per status, so <see cref="WireOperationTransformer"/> adds this one.
/// </summary>
internal sealed record StreamedAs(Type Chunk);
