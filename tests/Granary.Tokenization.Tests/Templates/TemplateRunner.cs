using Granary.Tokenization.Templates;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>Parses and renders a template in one call, for short unit tests.</summary>
internal static class TemplateRunner
{
    public static string Render(string template, object? variables = null) =>
        ChatTemplate.Parse(template).Render(ToDictionary(variables));

    public static ChatTemplateException Fails(string template, object? variables = null) =>
        Assert.Throws<ChatTemplateException>(() => Render(template, variables));

    private static Dictionary<string, object?> ToDictionary(object? variables) => variables switch
    {
        null => [],
        Dictionary<string, object?> dictionary => dictionary,
        _ => variables.GetType().GetProperties().ToDictionary(p => p.Name, p => p.GetValue(variables)),
    };
}
