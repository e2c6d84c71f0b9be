namespace Granary.Tokenization.Templates.Runtime;

/// <summary>Arguments matched to parameters by <see cref="ArgumentBinder"/>.</summary>
internal readonly struct BoundArguments(string function, object?[] values)
{
    public bool Has(int index) => !ReferenceEquals(values[index], ArgumentBinder.Missing);

    public object? Get(int index, object? fallback = null) => Has(index) ? values[index] : fallback;

    /// <summary>A parameter the function cannot do without.</summary>
    public object? Required(int index, string name) =>
        Has(index) ? values[index] : throw new ChatTemplateException($"{function}() missing required argument '{name}'");

    public bool GetBool(int index, bool fallback) => Has(index) ? PyTypes.IsTruthy(values[index]) : fallback;

    public long GetInt(int index, long fallback, string name) =>
        Has(index) ? PyTypes.ToInteger(values[index], $"{function}() argument '{name}'") : fallback;

    /// <summary>A string parameter; None reads as the fallback.</summary>
    public string? GetString(int index, string? fallback) => Has(index) && values[index] is not null ? PyRepr.Str(values[index]) : fallback;
}
