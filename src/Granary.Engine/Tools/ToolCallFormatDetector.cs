namespace Granary.Engine.Tools;

/// <summary>
/// Picks the tool call format a chat template teaches its model, from the template's own text. In
/// order: a template that writes calls in a syntax this server does not parse (Qwen3-Coder's
/// <c>&lt;function=...&gt;</c> XML, Mistral's <c>[TOOL_CALLS]</c>) has none; one that mentions
/// <c>&lt;tool_call&gt;</c> is Hermes (Hermes 2 Pro, Qwen2.5, Qwen3); one that mentions
/// <c>&lt;|python_tag|&gt;</c>, a <c>"parameters"</c> key or the <c>ipython</c> role is Llama 3 JSON
/// (Llama 3.1–3.3); anything else (Llama 3.0, Llama 2, no template) has none.
/// </summary>
internal static class ToolCallFormatDetector
{
    private static readonly string[] UnsupportedSyntaxes = ["<function=", "[TOOL_CALLS]"];
    private static readonly string[] HermesMarkers = ["<tool_call>"];
    private static readonly string[] Llama3JsonMarkers = ["<|python_tag|>", "\"parameters\"", "\\\"parameters\\\"", "ipython"];

    public static ToolCallFormat? Detect(string? template)
    {
        if (string.IsNullOrEmpty(template) || Mentions(template, UnsupportedSyntaxes)) return null;
        if (Mentions(template, HermesMarkers)) return ToolCallFormat.Hermes;
        return Mentions(template, Llama3JsonMarkers) ? ToolCallFormat.Llama3Json : null;
    }

    private static bool Mentions(string template, string[] markers) =>
        markers.Any(marker => template.Contains(marker, StringComparison.Ordinal));
}
