namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// Python would build a string or list of any size a template asks for (<c>'x' * 10**9</c>, a width of a
/// billion); a server should not, so operations that generate text from a number stop at a generous limit.
/// </summary>
internal static class SizeLimits
{
    public const long MaxGeneratedLength = 1 << 24;

    public static void EnsureGeneratedLength(long length, string operation)
    {
        if (length > MaxGeneratedLength)
            throw new ChatTemplateException($"{operation} would produce {length} items, more than the limit of {MaxGeneratedLength}");
    }
}
