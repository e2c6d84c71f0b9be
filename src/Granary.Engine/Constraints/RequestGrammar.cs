using System.Text.Json;
using Granary.Engine.Abstractions;
using Granary.Engine.Tools;
using Granary.Structured;

namespace Granary.Engine.Constraints;

/// <summary>
/// The grammar a request's output must follow: its structured output, or, when tool calls are
/// required, the model's call syntax around a call object that matches one allowed tool.
/// </summary>
internal static class RequestGrammar
{
    /// <exception cref="EngineRequestException">The schema, pattern or choices cannot be enforced.</exception>
    public static Grammar? For(GenerationRequest request, ToolCallPlan? toolCalls, GrammarCache cache)
    {
        if (toolCalls is { CallsRequired: true })
        {
            if (request.Structure is not null)
                throw new EngineRequestException("response_format cannot be combined with a required tool call: the output must be the call.", "response_format");
            return cache.GetOrAdd(CallsKey(toolCalls), () => Compile("tools", () => Calls(toolCalls)));
        }
        return request.Structure is { } structure
            ? cache.GetOrAdd(StructureKey(structure), () => Compile("response_format", () => Structure(structure)))
            : null;
    }

    /// <summary>
    /// In auto mode, each trigger with the grammar of the call it opens, compiled (or taken from the
    /// cache) with the request, so a schema error is the request's 400 and the step thread compiles
    /// nothing. Null when calls are not optional.
    /// </summary>
    public static IReadOnlyList<CallTrigger>? ForTriggers(ToolCallPlan? plan, GrammarCache cache) =>
        plan is { CallsRequired: false }
            ? plan.Syntax.Triggers.Select(trigger => new CallTrigger(trigger.Text, trigger.AtStartOnly, cache.GetOrAdd(
                string.Join('\0', CallsKey(plan), "trigger", trigger.Text, trigger.Continuation, trigger.OpensObject),
                () => Compile("tools", () => FromTrigger(plan, trigger))))).ToArray()
            : null;

    /// <summary>
    /// In auto mode, the text from a call's opening trigger on: the calls themselves when the call
    /// syntax begins with the trigger (Hermes' &lt;tool_call&gt;, or the '{' of a Llama call), else the
    /// trigger (Llama's &lt;|python_tag|&gt;) and then the calls.
    /// </summary>
    private static Grammar FromTrigger(ToolCallPlan plan, ToolCallTrigger trigger)
    {
        var calls = Calls(plan);
        var syntax = plan.Syntax;
        return trigger.OpensObject || syntax.CallPrefix.StartsWith(trigger.Text, StringComparison.Ordinal)
            ? calls
            : Grammar.Sequence(Grammar.Literal(trigger.Text + trigger.Continuation), calls);
    }

    private static Grammar Calls(ToolCallPlan plan)
    {
        var syntax = plan.Syntax;
        var call = Grammar.Sequence(Grammar.Literal(syntax.CallPrefix), Grammar.JsonSchema(plan.CallSchema), Grammar.Literal(syntax.CallSuffix));
        return Grammar.Repeat(call, Grammar.Literal(syntax.Separator), 1, plan.MaxCalls == 1 ? 1 : null);
    }

    private static Grammar Structure(StructuredOutput structure) => structure.Kind switch
    {
        StructuredOutputKind.JsonObject => Grammar.AnyJsonObject(),
        StructuredOutputKind.JsonSchema => Grammar.JsonSchema(structure.Schema ?? throw new EngineRequestException("json_schema needs a schema.", "response_format")),
        StructuredOutputKind.Regex => Grammar.Regex(structure.Pattern ?? throw new EngineRequestException("regex needs a pattern.", "structured_outputs")),
        StructuredOutputKind.Choice => Grammar.Choice(structure.Choices is { Length: > 0 } choices
            ? choices
            : throw new EngineRequestException("choice needs at least one option.", "structured_outputs")),
        _ => throw new EngineRequestException($"Unknown structured output '{structure.Kind}'.", "response_format"),
    };

    private static string CallsKey(ToolCallPlan plan) =>
        string.Join('\0', "calls", plan.Syntax.CallPrefix, plan.Syntax.CallSuffix, plan.Syntax.Separator, plan.MaxCalls, plan.CallSchema);

    private static string StructureKey(StructuredOutput structure) => structure.Kind switch
    {
        StructuredOutputKind.JsonSchema => "json_schema\0" + structure.Schema,
        StructuredOutputKind.Regex => "regex\0" + structure.Pattern,
        StructuredOutputKind.Choice => "choice\0" + JsonSerializer.Serialize(structure.Choices),
        _ => structure.Kind.ToString(),
    };

    private static Grammar Compile(string param, Func<Grammar> build)
    {
        try
        {
            return build();
        }
        catch (StructuredOutputException error)
        {
            throw new EngineRequestException(error.Message, param, error.Keyword is null ? "invalid_schema" : "unsupported_schema_keyword");
        }
    }
}
