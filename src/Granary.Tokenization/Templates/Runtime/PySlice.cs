namespace Granary.Tokenization.Templates.Runtime;

/// <summary>A Python slice object (<c>x[start:stop:step]</c>); any bound may be None.</summary>
internal sealed record PySlice(object? Start, object? Stop, object? Step);
