using System.Text;
using Granary.Structured;

namespace Granary.Engine.Constraints;

/// <summary>An auto-mode trigger ready for the step thread: its bytes to look for, and the grammar of the call it opens.</summary>
internal sealed record CallTrigger(byte[] Pattern, bool AtStartOnly, Grammar Grammar)
{
    public CallTrigger(string text, bool atStartOnly, Grammar grammar)
        : this(Encoding.UTF8.GetBytes(text), atStartOnly, grammar)
    {
    }
}
