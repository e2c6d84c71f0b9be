namespace Granary.Engine.Abstractions;

public enum ToolChoiceMode
{
    None,
    Auto,
    Required,
    Named,
}
