namespace Granary.Tokenization.Templates.Syntax.Targets;

/// <summary><c>set ns.attribute = ...</c>, only allowed on a <c>namespace()</c> object.</summary>
internal sealed class NamespaceAttributeTarget(string namespaceName, string attribute) : AssignTarget
{
    public string NamespaceName => namespaceName;

    public string Attribute => attribute;
}
