namespace Granary.Tokenization.Templates.Syntax.Targets;

/// <summary>A plain variable.</summary>
internal sealed class NameTarget(string name) : AssignTarget
{
    public string Name => name;
}
