namespace Granary.Structured.Text;

internal enum EpsilonKind
{
    Plain,

    /// <summary><c>^</c>: passable only before the first character.</summary>
    AtStart,

    /// <summary><c>$</c>: passable only after the last character.</summary>
    AtEnd,
}
