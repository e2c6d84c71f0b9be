using System.Runtime.CompilerServices;
using System.Text;
using Granary.Tokenization.Templates.Runtime;
using Granary.Tokenization.Templates.Syntax.Expressions;
using Granary.Tokenization.Templates.Syntax.Statements;

namespace Granary.Tokenization.Templates.Rendering;

/// <summary>
/// Executes statement nodes, writing output. Scoping follows Jinja: <c>if</c> shares its scope; every for-loop
/// iteration (and its else body), macro call, <c>with</c>, <c>filter</c>/<c>set</c>/<c>call</c> block body and
/// <c>generation</c> block gets a child scope, so their assignments do not leak out.
/// </summary>
internal sealed class TemplateRenderer(RenderContext context)
{
    // Python stops runaway recursion (RecursionError) at a similar depth; .NET would crash on stack overflow.
    private const int MaxMacroDepth = 100;
    private int _macroDepth;

    private ExpressionEvaluator Evaluator => context.Evaluator;

    public Completion Render(Node[] body, Scope scope, StringBuilder output)
    {
        foreach (var node in body)
        {
            var completion = RenderNode(node, scope, output);
            if (completion != Completion.Normal)
                return completion;
        }
        return Completion.Normal;
    }

    private Completion RenderNode(Node node, Scope scope, StringBuilder output)
    {
        try
        {
            return RenderNodeCore(node, scope, output);
        }
        catch (ChatTemplateException error) when (error.Line is null)
        {
            throw error.AtLine(node.Line);
        }
    }

    private Completion RenderNodeCore(Node node, Scope scope, StringBuilder output)
    {
        switch (node)
        {
            case TextNode text:
                output.Append(text.Text);
                return Completion.Normal;
            case OutputNode print:
                output.Append(PyRepr.Str(Evaluator.Evaluate(print.Value, scope)));
                return Completion.Normal;
            case IfNode conditional:
                foreach (var branch in conditional.Branches)
                {
                    if (Evaluator.IsTrue(branch.Condition, scope))
                        return Render(branch.Body, scope, output);
                }
                return Render(conditional.ElseBody, scope, output);
            case ForNode loop:
                return RenderFor(loop, scope, output);
            case SetNode set:
                TargetAssigner.Assign(set.Target, Evaluator.Evaluate(set.Value, scope), scope);
                return Completion.Normal;
            case SetBlockNode setBlock:
                var captured = Capture(setBlock.Body, new Scope(scope), out var completion);
                TargetAssigner.Assign(setBlock.Target, ApplyFilters(setBlock.Filters, captured, scope), scope);
                return completion;
            case MacroNode macro:
                scope.Set(macro.Definition.Name, new Macro(macro.Definition, scope));
                return Completion.Normal;
            case CallBlockNode callBlock:
                return RenderCallBlock(callBlock, scope, output);
            case FilterBlockNode filterBlock:
                var body = Capture(filterBlock.Body, new Scope(scope), out var filterCompletion);
                output.Append(PyRepr.Str(ApplyFilters(filterBlock.Filters, body, scope)));
                return filterCompletion;
            case WithNode with:
                var withScope = new Scope(scope);
                foreach (var assignment in with.Assignments)
                    TargetAssigner.Assign(assignment.Target, Evaluator.Evaluate(assignment.Value, scope), withScope);
                return Render(with.Body, withScope, output);
            case ScopedBlockNode scoped:
                return Render(scoped.Body, new Scope(scope), output);
            case LoopControlNode control:
                return control.IsBreak ? Completion.Break : Completion.Continue;
            default:
                throw new InvalidOperationException($"unknown statement node {node.GetType().Name}");
        }
    }

    private string Capture(Node[] body, Scope scope, out Completion completion)
    {
        var buffer = new StringBuilder();
        completion = Render(body, scope, buffer);
        return buffer.ToString();
    }

    private object? ApplyFilters(FilterCall[] filters, object? value, Scope scope)
    {
        foreach (var filter in filters)
            value = Evaluator.ApplyFilter(filter, value, scope);
        return value;
    }

    private Completion RenderFor(ForNode loop, Scope scope, StringBuilder output)
    {
        var iterable = Evaluator.Evaluate(loop.Iterable, scope);
        IEnumerable<object?> items;
        try
        {
            items = PyIteration.Iterate(iterable);
        }
        catch (ChatTemplateException error) when (error.Line is null)
        {
            throw error.AtLine(loop.Iterable.Line);
        }
        // Like Jinja's LoopContext: len() when the iterable has one, otherwise loop.length materializes the rest.
        int? knownLength = null;
        if (loop.Filter is null && PyIteration.TryGetLength(iterable, out var length))
            knownLength = length;
        else if (loop.Filter is not null)
            items = FilterItems(items, loop, scope);
        var loopContext = new LoopContext(items, knownLength);
        var iterated = false;
        while (loopContext.MoveNext(out var item))
        {
            iterated = true;
            var iterationScope = new Scope(scope);
            TargetAssigner.Assign(loop.Target, item, iterationScope);
            iterationScope.Set("loop", loopContext);
            if (Render(loop.Body, iterationScope, output) == Completion.Break)
                break;
        }
        // The else body belongs to the loop's frame in Jinja: its assignments stay inside too.
        return iterated ? Completion.Normal : Render(loop.ElseBody, new Scope(scope), output);
    }

    /// <summary>The loop filter, evaluated lazily item by item like Jinja's generator.</summary>
    private IEnumerable<object?> FilterItems(IEnumerable<object?> items, ForNode loop, Scope scope)
    {
        foreach (var item in items)
        {
            var filterScope = new Scope(scope);
            TargetAssigner.Assign(loop.Target, item, filterScope);
            if (Evaluator.IsTrue(loop.Filter!, filterScope))
                yield return item;
        }
    }

    private Completion RenderCallBlock(CallBlockNode callBlock, Scope scope, StringBuilder output)
    {
        var call = callBlock.Call;
        var callee = Evaluator.Evaluate(call.Callee, scope);
        var arguments = Evaluator.EvaluateArguments(call.Positional, call.Named, scope);
        var caller = new KeyValuePair<string, object?>("caller", new Macro(callBlock.Caller, scope));
        var result = context.Call(callee, new CallArguments(arguments.Positional, [.. arguments.Named, caller]));
        output.Append(PyRepr.Str(result));
        return Completion.Normal;
    }

    /// <summary>Calls a macro with Jinja's binding rules and returns what its body rendered.</summary>
    public string CallMacro(Macro macro, CallArguments arguments)
    {
        if (_macroDepth >= MaxMacroDepth)
            throw new ChatTemplateException($"maximum macro recursion depth ({MaxMacroDepth}) exceeded in '{macro.Definition.Name}'");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ChatTemplateException($"template recursion is too deep in macro '{macro.Definition.Name}'");
        var callScope = MacroBinder.Bind(macro, arguments, context);
        _macroDepth++;
        try
        {
            var output = new StringBuilder();
            Render(macro.Definition.Body, callScope, output);
            return output.ToString();
        }
        finally
        {
            _macroDepth--;
        }
    }
}
