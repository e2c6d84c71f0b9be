namespace Granary.Structured;

/// <summary>
/// A grammar or schema that cannot be enforced: an unsupported keyword, a malformed schema or
/// pattern, a schema no value satisfies, or one too large to compile. Callers answer it with 400.
/// </summary>
public sealed class StructuredOutputException : Exception
{
    public StructuredOutputException()
    {
    }

    public StructuredOutputException(string message)
        : base(message)
    {
    }

    public StructuredOutputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StructuredOutputException(string message, string? keyword)
        : base(message) => Keyword = keyword;

    /// <summary>The JSON Schema keyword (or grammar feature) at fault, when there is one.</summary>
    public string? Keyword { get; }
}
