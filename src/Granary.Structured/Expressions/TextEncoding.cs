namespace Granary.Structured.Expressions;

internal enum TextEncoding
{
    /// <summary>Each code point as its UTF-8 bytes.</summary>
    Utf8,

    /// <summary>The inside of a JSON string: raw UTF-8 where JSON allows it, or escapes (short ones and <c>\uXXXX</c>).</summary>
    JsonStringContent,
}
