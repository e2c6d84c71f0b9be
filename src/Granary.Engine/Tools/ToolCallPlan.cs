using Granary.Engine.Abstractions;

namespace Granary.Engine.Tools;

/// <summary>
/// How one chat request uses its tools: the format calls are written in, which tools may be called,
/// and whether calls are optional (auto) or required (required, named). Constrained decoding reads
/// <see cref="Syntax"/>, <see cref="CallSchema"/> and <see cref="CallsRequired"/> from here; each choice's
/// output goes through its own parser from <see cref="CreateParser"/>.
/// </summary>
internal sealed class ToolCallPlan
{
    private string? _callSchema;

    public ToolCallPlan(ToolCallFormat format, ToolChoice choice, IReadOnlyList<ToolDefinition> tools, bool parallelToolCalls)
    {
        Format = format;
        Choice = choice;
        Tools = tools;
        ParallelToolCalls = parallelToolCalls;
        AllowedTools = choice.Mode == ToolChoiceMode.Named ? tools.Where(t => t.Name == choice.FunctionName).ToArray() : tools;
        StreamCallsEagerly = CallsRequired;
    }

    public ToolCallFormat Format { get; }

    public ToolCallSyntax Syntax => Format.Syntax;

    /// <summary>Auto, Required or Named (None never makes a plan).</summary>
    public ToolChoice Choice { get; }

    public IReadOnlyList<ToolDefinition> Tools { get; }

    /// <summary>The tools a call may name: all of them, or only the one tool_choice names.</summary>
    public IReadOnlyList<ToolDefinition> AllowedTools { get; }

    /// <summary>When false, the output holds at most one call (<c>Separator</c> never follows a call).</summary>
    public bool ParallelToolCalls { get; }

    /// <summary>
    /// The most calls one output may hold: one when parallel calls are off, and one when tool_choice
    /// names a function (that call, exactly once); unbounded otherwise.
    /// </summary>
    public int MaxCalls => Choice.Mode == ToolChoiceMode.Named || !ParallelToolCalls ? 1 : int.MaxValue;

    /// <summary>The output must be calls and nothing else (tool_choice required or named).</summary>
    public bool CallsRequired => Choice.Mode is ToolChoiceMode.Required or ToolChoiceMode.Named;

    /// <summary>JSON Schema of one call object over <see cref="AllowedTools"/> (see <see cref="ToolCallSchema"/>).</summary>
    public string CallSchema => _callSchema ??= ToolCallSchema.Build(AllowedTools, Syntax);

    /// <summary>
    /// Send a call's pieces as they are generated rather than once complete: safe only when the call text
    /// is grammar-constrained (by default, when calls are required; set it for auto mode once a trigger
    /// switches the sampler to the call grammar).
    /// </summary>
    public bool StreamCallsEagerly { get; init; }

    /// <summary>The format's markers are special tokens of this tokenizer: decode with special tokens kept, or the parser never sees them.</summary>
    public bool KeepSpecialTokens { get; init; }

    public ToolCallStreamParser CreateParser() => new(Syntax, MaxCalls, StreamCallsEagerly);
}
