namespace Granary.Engine.Tools;

/// <summary>
/// The tool call format of each request: the one the engine was told to use, or (auto) the one the
/// chat template in use teaches — the request's own chat_template when it sends one, else the model's.
/// </summary>
internal sealed class ToolCallFormatResolver
{
    public const string Auto = "auto";
    public const string None = "none";

    private readonly string _setting;
    private readonly ToolCallFormat? _fixed;
    private readonly ToolCallFormat? _modelFormat;

    /// <param name="setting"><c>auto</c>, <c>none</c>, or a format name (<c>hermes</c>, <c>llama3_json</c>).</param>
    /// <param name="modelTemplate">The model's own chat template text, when it has one.</param>
    /// <exception cref="ArgumentException">The setting names no known format.</exception>
    public ToolCallFormatResolver(string setting, string? modelTemplate)
    {
        _setting = setting;
        if (setting is not (Auto or None))
        {
            _fixed = ToolCallFormat.All.FirstOrDefault(f => f.Name == setting)
                ?? throw new ArgumentException(
                    $"Unknown tool call format '{setting}'; expected auto, none, {string.Join(", ", ToolCallFormat.All.Select(f => f.Name))}.",
                    nameof(setting));
        }
        _modelFormat = ToolCallFormatDetector.Detect(modelTemplate);
    }

    /// <returns>The format, or null when calls cannot be parsed for this template.</returns>
    public ToolCallFormat? Resolve(string? requestTemplate) => _setting switch
    {
        None => null,
        Auto => requestTemplate is null ? _modelFormat : ToolCallFormatDetector.Detect(requestTemplate),
        _ => _fixed,
    };
}
