using Granary.Tokenization.Templates;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>
/// Every case of golden/jinja_golden.json (statements, whitespace rules, filters, tests, methods, errors,
/// model-style templates) against what Jinja2 3.1.6 rendered with HF's environment. Failures must fail too,
/// at the line Jinja names.
/// </summary>
public sealed class JinjaGoldenTests
{
    private const string GoldenFile = "jinja_golden.json";

    public static TheoryData<string> CaseNames() => new(GoldenCases.Load(GoldenFile).Names);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesJinja(string name)
    {
        var cases = GoldenCases.Load(GoldenFile);
        var goldenCase = cases[name];
        var template = goldenCase.GetProperty("template").GetString()!;
        var variables = GoldenCases.Variables(goldenCase);

        if (goldenCase.TryGetProperty("expected", out var expected))
        {
            var rendered = ChatTemplate.Parse(template).Render(variables, () => cases.FixedNow);
            Assert.Equal(expected.GetString(), rendered);
            return;
        }

        var error = Assert.Throws<ChatTemplateException>(() => ChatTemplate.Parse(template).Render(variables, () => cases.FixedNow));
        var jinjaError = goldenCase.GetProperty("error").GetString()!;
        var line = goldenCase.GetProperty("line");
        if (line.ValueKind == System.Text.Json.JsonValueKind.Number)
            Assert.True(line.GetInt32() == error.Line, $"Jinja blames line {line.GetInt32()}, we blame {error.Line}: {error.Message} (Jinja: {jinjaError})");
        if (jinjaError.StartsWith("TemplateError: ", StringComparison.Ordinal))
            Assert.EndsWith(jinjaError["TemplateError: ".Length..], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheGoldenFileIsBroad() => Assert.True(GoldenCases.Load(GoldenFile).Names.Count() > 600);
}
