namespace Granary.Tokenization.Templates.Runtime;

/// <summary>The evaluated arguments of one call: positional values, then keyword values in source order.</summary>
internal sealed class CallArguments
{
    public static readonly CallArguments Empty = new([], []);

    public CallArguments(object?[] positional, KeyValuePair<string, object?>[] named)
    {
        Positional = positional;
        Named = named;
    }

    public object?[] Positional { get; }

    public KeyValuePair<string, object?>[] Named { get; }

    public static CallArguments Of(params object?[] positional) => new(positional, []);

    /// <summary>The same arguments with values placed in front, e.g. the subject of a filter.</summary>
    public CallArguments Prepend(params object?[] leading) => new([.. leading, .. Positional], Named);
}
