namespace Granary.Api.Protocol;

/// <summary>tool_choice: "none", "auto", "required", or a named function (Mode "function").</summary>
internal sealed record ToolChoice(string Mode, string? FunctionName = null)
{
    public const string None = "none";
    public const string Auto = "auto";
    public const string Required = "required";
    public const string Function = "function";
}
