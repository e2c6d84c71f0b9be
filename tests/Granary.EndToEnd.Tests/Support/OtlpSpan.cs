namespace Granary.EndToEnd.Tests.Support;

/// <summary>A span as an OTLP receiver got it (ids as hex).</summary>
internal sealed record OtlpSpan(string Service, string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes);
