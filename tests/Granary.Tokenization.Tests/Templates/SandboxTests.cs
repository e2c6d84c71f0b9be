namespace Granary.Tokenization.Tests.Templates;

/// <summary>HF renders in Jinja's ImmutableSandboxedEnvironment: only namespace() objects can be changed.</summary>
public sealed class SandboxTests
{
    [Theory]
    [InlineData("{% set xs = [1] %}{{ xs.append(2) }}", "append", "list")]
    [InlineData("{% set xs = [1] %}{{ xs.pop() }}", "pop", "list")]
    [InlineData("{% set xs = [2, 1] %}{{ xs.sort() }}", "sort", "list")]
    [InlineData("{% set xs = [1] %}{{ xs.extend([2]) }}", "extend", "list")]
    [InlineData("{% set xs = [1] %}{{ xs.insert(0, 2) }}", "insert", "list")]
    [InlineData("{% set xs = [1] %}{{ xs.remove(1) }}", "remove", "list")]
    [InlineData("{% set xs = [1] %}{{ xs.clear() }}", "clear", "list")]
    [InlineData("{% set xs = [1] %}{{ xs.reverse() }}", "reverse", "list")]
    [InlineData("{% set d = {} %}{{ d.update({'a': 1}) }}", "update", "dict")]
    [InlineData("{% set d = {'a': 1} %}{{ d.pop('a') }}", "pop", "dict")]
    [InlineData("{% set d = {'a': 1} %}{{ d.popitem() }}", "popitem", "dict")]
    [InlineData("{% set d = {} %}{{ d.setdefault('a', 1) }}", "setdefault", "dict")]
    [InlineData("{% set d = {'a': 1} %}{{ d.clear() }}", "clear", "dict")]
    public void MutatingMethodsRaiseTheSandboxSecurityError(string template, string method, string type)
    {
        var error = TemplateRunner.Fails(template);

        Assert.Equal($"chat template line 1: access to attribute '{method}' of '{type}' object is unsafe.", error.Message);
    }

    [Fact]
    public void MutatingInputValuesIsRejectedToo()
    {
        var messages = new List<object?> { new Dictionary<string, object?> { ["role"] = "user" } };

        TemplateRunner.Fails("{{ messages.append({'role': 'x'}) }}", new { messages });
        TemplateRunner.Fails("{{ messages[0].update({'role': 'x'}) }}", new { messages });
    }

    [Fact]
    public void MerelyNamingAnUnsafeMethodPrintsNothingLikeJinja() =>
        Assert.Equal("[]", TemplateRunner.Render("[{{ [1].append }}]"));

    [Fact]
    public void NamespacesAreTheMutableEscapeHatch() =>
        Assert.Equal("3", TemplateRunner.Render("{% set ns = namespace(n=0) %}{% for i in range(3) %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}"));

    [Fact]
    public void AssigningAnAttributeOfANonNamespaceFails() =>
        Assert.Contains("cannot assign attribute on non-namespace object", TemplateRunner.Fails("{% set d = {} %}{% set d.x = 1 %}").Message);

    [Fact]
    public void HugeRangesAreRefused() =>
        Assert.Contains("Range too big", TemplateRunner.Fails("{% for i in range(1000000) %}{% endfor %}").Message);

    [Theory]
    [InlineData("{{ 'abc' * 1000000000 }}")]
    [InlineData("{{ [0] * 1000000000 }}")]
    [InlineData("{{ 'a' | center(1000000000) }}")]
    [InlineData("{{ 'a\nb' | indent(1000000000) }}")]
    [InlineData("{{ [1] | tojson(indent=1000000000) }}")]
    [InlineData("{{ '{:>1000000000}'.format('a') }}")]
    [InlineData("{{ 'a'.zfill(1000000000) }}")]
    [InlineData("{{ '{:.900000000f}'.format(1.5) }}")]
    [InlineData("{{ '%.900000000f' % 1.5 }}")]
    [InlineData("{{ '%*d' % (900000000, 1) }}")]
    public void OutputsOfAbsurdSizeAreRefused(string template) =>
        Assert.Contains("more than the limit", TemplateRunner.Fails(template).Message);

    [Theory]
    [InlineData("{{ '%c' % 1114112 }}")]
    [InlineData("{{ '{:c}'.format(-1) }}")]
    public void CodePointsOutOfRangeAreTemplateErrors(string template) =>
        Assert.Contains("not in range(0x110000)", TemplateRunner.Fails(template).Message);

    [Fact]
    public void ReasonableRepetitionStillWorks() => Assert.Equal(30000, TemplateRunner.Render("{{ 'abc' * 10000 }}").Length);

    [Fact]
    public void RenderingDoesNotChangeTheCallersValues()
    {
        var messages = new List<object?> { new Dictionary<string, object?> { ["role"] = "user", ["content"] = "hi" } };

        TemplateRunner.Render("{% set messages = messages + [1] %}{% set m = messages[0] %}{{ messages | length }}", new { messages });

        Assert.Single(messages);
    }
}
