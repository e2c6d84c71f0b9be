namespace Granary.Tokenization.Tests.Templates;

/// <summary>Jinja2's default Undefined: quiet when printed, tested or iterated, loud when used as a value.</summary>
public sealed class UndefinedTests
{
    [Fact]
    public void PrintsAsNothing() => Assert.Equal("[][]", TemplateRunner.Render("[{{ missing }}][{{ missing ~ '' }}]"));

    [Fact]
    public void IsFalsyAndNotDefined() =>
        Assert.Equal("falsy False True", TemplateRunner.Render("{{ 'truthy' if missing else 'falsy' }} {{ missing is defined }} {{ missing is undefined }}"));

    [Fact]
    public void IteratesAsEmptyWithLengthZero() =>
        Assert.Equal("0 [] empty", TemplateRunner.Render("{{ missing | length }} {{ missing | list }} {% for x in missing %}x{% else %}empty{% endfor %}"));

    [Fact]
    public void AMissingKeyOrAttributeIsUndefined() =>
        Assert.Equal("False|fallback", TemplateRunner.Render("{{ m.tool_calls is defined }}|{{ m['name'] | default('fallback') }}", new { m = new Dictionary<string, object?>() }));

    [Fact]
    public void AttributeAccessOnUndefinedFails() =>
        Assert.Equal("chat template line 1: 'missing' is undefined", TemplateRunner.Fails("{{ missing.attribute }}").Message);

    [Fact]
    public void AttributeAccessOnAMissingKeyFailsNamingTheOwner() =>
        Assert.Equal("chat template line 1: 'dict object' has no attribute 'a'",
            TemplateRunner.Fails("{{ d.a.b }}", new { d = new Dictionary<string, object?>() }).Message);

    [Fact]
    public void AnIndexOutOfRangeIsUndefinedAndFailsWhenUsed()
    {
        Assert.Equal("[]", TemplateRunner.Render("[{{ xs[5] }}]", new { xs = new[] { 1 } }));
        Assert.Equal("chat template line 1: list object has no element 5",
            TemplateRunner.Fails("{{ xs[5].role }}", new { xs = new[] { 1 } }).Message);
    }

    [Theory]
    [InlineData("{{ missing + 1 }}")]
    [InlineData("{{ 1 - missing }}")]
    [InlineData("{{ missing < 1 }}")]
    [InlineData("{{ missing() }}")]
    [InlineData("{{ missing[0] }}")]
    [InlineData("{{ -missing }}")]
    [InlineData("{{ missing | tojson }}")]
    public void UsingUndefinedAsAValueFails(string template) => TemplateRunner.Fails(template);

    [Fact]
    public void AnInlineIfWithoutElseIsUndefined() =>
        Assert.Equal("[] False", TemplateRunner.Render("[{{ 'x' if false }}] {{ ('x' if false) is defined }}"));

    [Fact]
    public void NoneIsNotUndefined() =>
        Assert.Equal("None True False", TemplateRunner.Render("{{ v }} {{ v is defined }} {{ v is undefined }}", new Dictionary<string, object?> { ["v"] = null }));
}
