using Granary.Tokenization.Templates;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>Syntax and runtime errors are ChatTemplateExceptions whose message and Line name the template line.</summary>
public sealed class ErrorReportingTests
{
    [Fact]
    public void AStrayEndTagIsReportedAtItsLine()
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("{% for m in messages %}\n{{ m }}\n{% endif %}\n{% endfor %}"));

        Assert.Equal(3, error.Line);
        Assert.StartsWith("chat template line 3: unexpected 'endif', expected 'endfor' or 'else' to close the 'for' on line 1", error.Message);
    }

    [Fact]
    public void AnUnexpectedEndForAtTopLevelIsNamed()
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("a\nb\n{% endfor %}"));

        Assert.Equal("chat template line 3: unexpected 'endfor'", error.Message);
    }

    [Fact]
    public void AnUnclosedBlockNamesWhereItOpened()
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("x\n{% if a %}\n{% for b in c %}\n{{ b }}"));

        Assert.Equal(4, error.Line);
        Assert.Contains("unexpected end of template, expected 'endfor' or 'else' to close the 'for' on line 3", error.Message);
    }

    [Fact]
    public void UnknownFiltersAndTestsAreSyntaxErrors()
    {
        Assert.Equal("chat template line 2: no filter named 'shout'",
            Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("\n{{ x | shout }}")).Message);
        Assert.Equal("chat template line 1: no test named 'loud'",
            Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse("{% if x is loud %}{% endif %}")).Message);
    }

    [Fact]
    public void RuntimeErrorsNameTheLineOfTheFailingExpression()
    {
        var template = ChatTemplate.Parse("{% for m in messages %}\n{{ m.role }}\n{{ m.content.missing.deeper }}\n{% endfor %}");

        var error = Assert.Throws<ChatTemplateException>(() => template.Render(new Dictionary<string, object?>
        {
            ["messages"] = new[] { new Dictionary<string, object?> { ["role"] = "user", ["content"] = new Dictionary<string, object?>() } },
        }));

        Assert.Equal(3, error.Line);
        Assert.Equal("chat template line 3: 'dict object' has no attribute 'missing'", error.Message);
    }

    [Fact]
    public void RaiseExceptionCarriesTheTemplatesMessageAndLine()
    {
        var template = ChatTemplate.Parse(
            "{% for message in messages %}\n" +
            "{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}\n" +
            "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}\n" +
            "{% endif %}\n" +
            "{% endfor %}");
        var messages = new[]
        {
            new Dictionary<string, object?> { ["role"] = "user" },
            new Dictionary<string, object?> { ["role"] = "user" },
        };

        var error = Assert.Throws<ChatTemplateException>(() => template.Render(new Dictionary<string, object?> { ["messages"] = messages }));

        Assert.Equal(3, error.Line);
        Assert.Equal("chat template line 3: Conversation roles must alternate user/assistant/user/assistant/...", error.Message);
    }

    [Fact]
    public void ErrorsInsideMacrosNameTheLineInTheMacro()
    {
        var error = TemplateRunner.Fails("{% macro m(x) %}\n{{ x + 1 }}\n{% endmacro %}\n\n{{ m('a') }}");

        Assert.Equal(2, error.Line);
        Assert.Contains("can only concatenate str (not \"int\") to str", error.Message);
    }

    [Fact]
    public void ErrorsInAFilterChainNameTheFilterLine()
    {
        var error = TemplateRunner.Fails("{{ messages\n | map(attribute='content')\n | join(', ')\n | tojson(indent='x', separators=1) }}",
            new { messages = new[] { new Dictionary<string, object?> { ["content"] = "a" } } });

        Assert.Equal(4, error.Line);
        Assert.Contains("'int' object is not iterable", error.Message);
    }

    [Theory]
    [InlineData("{% for x in tree recursive %}{% endfor %}", "recursive for loops are not supported")]
    [InlineData("{% extends 'base.html' %}", "the 'extends' tag is not supported in chat templates")]
    [InlineData("{% include 'part.html' %}", "the 'include' tag is not supported in chat templates")]
    [InlineData("{% import 'macros.html' as m %}", "the 'import' tag is not supported in chat templates")]
    [InlineData("{% block body %}{% endblock %}", "the 'block' tag is not supported in chat templates")]
    [InlineData("{{ f(*args) }}", "*args and **kwargs in calls are not supported")]
    [InlineData("{{ '\\N{BULLET}' }}", "named unicode escapes (\\N{...}) are not supported")]
    [InlineData("{% do x.append(1) %}", "unknown tag 'do'")]
    public void UnsupportedFeaturesFailClearlyAtParseTime(string template, string reason)
    {
        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(template));

        Assert.Equal(1, error.Line);
        Assert.Equal($"chat template line 1: {reason}", error.Message);
    }

    [Fact]
    public void RunawayMacroRecursionIsATemplateErrorNotAStackOverflow()
    {
        var error = TemplateRunner.Fails("{% macro loop_forever(n) %}{{ loop_forever(n + 1) }}{% endmacro %}{{ loop_forever(0) }}");

        Assert.Contains("maximum macro recursion depth", error.Message);
    }

    [Fact]
    public void DeeplyNestedTemplateExpressionsFailCleanly()
    {
        var source = "{{ " + new string('(', 20000) + "1" + new string(')', 20000) + " }}";

        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(source));

        Assert.Contains("nested too deeply", error.Message);
    }

    [Fact]
    public void DeeplyNestedBlocksFailCleanly()
    {
        var source = string.Concat(Enumerable.Repeat("{% if true %}", 50000)) + string.Concat(Enumerable.Repeat("{% endif %}", 50000));

        Assert.Contains("nested too deeply", Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(source)).Message);
    }

    [Fact]
    public void VeryLongOperatorChainsFailCleanlyWhenRendered()
    {
        // The parser reads a chain iteratively, but the tree it builds is as deep as the chain is long.
        var template = ChatTemplate.Parse("{{ 0" + string.Concat(Enumerable.Repeat(" + 1", 200000)) + " }}");

        var error = Assert.Throws<ChatTemplateException>(() => template.Render(new Dictionary<string, object?>()));

        Assert.Equal("chat template line 1: the expression is nested too deeply", error.Message);
    }

    [Fact]
    public void LongButReasonableChainsStillWork() =>
        Assert.Equal("500", TemplateRunner.Render("{{ 0" + string.Concat(Enumerable.Repeat(" + 1", 500)) + " }}"));

    [Fact]
    public void IntegerOverflowIsReportedInsteadOfWrapping()
    {
        var error = TemplateRunner.Fails("{{ 9223372036854775807 + 1 }}");

        Assert.Contains("integer overflow", error.Message);
    }
}
