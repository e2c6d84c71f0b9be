namespace Granary.Tokenization.Templates.Rendering;

/// <summary>How a statement finished: normally, or by <c>break</c>/<c>continue</c> travelling up to its loop.</summary>
internal enum Completion
{
    Normal,
    Break,
    Continue,
}
