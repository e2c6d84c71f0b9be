namespace Granary.Structured.Expressions;

/// <summary>A rule whose body may refer to itself; the body is set once, after creation, to allow that.</summary>
internal sealed class GrammarRule(string name)
{
    private GrammarExpression? _body;

    public string Name { get; } = name;

    public GrammarExpression Body
    {
        get => _body ?? throw new InvalidOperationException($"Rule {Name} has no body.");
        set => _body = _body is null ? value : throw new InvalidOperationException($"Rule {Name} already has a body.");
    }

    public static GrammarRule Define(string name, Func<GrammarRule, GrammarExpression> body)
    {
        var rule = new GrammarRule(name);
        rule.Body = body(rule);
        return rule;
    }
}
