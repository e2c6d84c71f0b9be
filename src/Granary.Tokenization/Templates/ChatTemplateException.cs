namespace Granary.Tokenization.Templates;

/// <summary>
/// The single error type of chat templates: syntax errors found by <see cref="ChatTemplate.Parse"/> and
/// runtime errors (including the template's own <c>raise_exception</c>) raised by <see cref="ChatTemplate.Render"/>.
/// The message names the template line, e.g. <c>chat template line 12: unexpected 'endfor'</c>.
/// </summary>
public sealed class ChatTemplateException : Exception
{
    internal ChatTemplateException(string reason)
        : base("chat template: " + reason)
    {
        Reason = reason;
    }

    internal ChatTemplateException(int line, string reason, Exception? inner = null)
        : base($"chat template line {line}: {reason}", inner)
    {
        Line = line;
        Reason = reason;
    }

    /// <summary>The 1-based template line the error belongs to, when known.</summary>
    public int? Line { get; }

    /// <summary>The message without the line prefix; used to re-throw with a line attached.</summary>
    internal string Reason { get; }

    /// <summary>Attaches a line to an error raised deep in the runtime, which does not know lines.</summary>
    internal ChatTemplateException AtLine(int line) => Line is null ? new ChatTemplateException(line, Reason, this) : this;
}
