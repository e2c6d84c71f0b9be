namespace Granary.Engine.Tools;

/// <summary>A model family's way of writing tool calls, by the name vLLM's --tool-call-parser gives it.</summary>
internal sealed record ToolCallFormat(string Name, ToolCallSyntax Syntax)
{
    /// <summary>
    /// Hermes 2 Pro, Qwen2.5 and Qwen3: <c>&lt;tool_call&gt;\n{"name": "f", "arguments": {...}}\n&lt;/tool_call&gt;</c>,
    /// one block per call, after any text.
    /// </summary>
    public static ToolCallFormat Hermes { get; } = new("hermes", new ToolCallSyntax
    {
        CallPrefix = "<tool_call>\n",
        CallSuffix = "\n</tool_call>",
        Separator = "\n",
        ArgumentsKey = "arguments",
        Triggers = [new ToolCallTrigger("<tool_call>", AtStartOnly: false, Continuation: "\n", OpensObject: false)],
        MarkerTokens = ["<tool_call>", "</tool_call>"],
    });

    /// <summary>
    /// Llama 3.1–3.3 JSON tool calling: the whole reply is <c>{"name": "f", "parameters": {...}}</c>, optionally
    /// after <c>&lt;|python_tag|&gt;</c>, several calls separated by <c>; </c> (as vLLM's llama3_json reads them).
    /// </summary>
    public static ToolCallFormat Llama3Json { get; } = new("llama3_json", new ToolCallSyntax
    {
        CallPrefix = "",
        CallSuffix = "",
        Separator = "; ",
        ArgumentsKey = "parameters",
        AlternativeArgumentsKeys = ["arguments"],
        CallsOnlyAtStart = true,
        Opener = "<|python_tag|>",
        Triggers =
        [
            new ToolCallTrigger("{", AtStartOnly: true, Continuation: "", OpensObject: true),
            new ToolCallTrigger("<|python_tag|>", AtStartOnly: true, Continuation: "", OpensObject: false),
        ],
    });

    public static IReadOnlyList<ToolCallFormat> All { get; } = [Hermes, Llama3Json];
}
