using System.Runtime.CompilerServices;
using Granary.Tokenization.Templates.Globals;
using Granary.Tokenization.Templates.Runtime;
using Granary.Tokenization.Templates.Syntax.Expressions;

namespace Granary.Tokenization.Templates.Rendering;

/// <summary>
/// Evaluates expression nodes to template values with Python/Jinja semantics. A runtime error raised below
/// without a line gets the line of the innermost expression that failed.
/// </summary>
internal sealed class ExpressionEvaluator(RenderContext context)
{
    public object? Evaluate(Expression expression, Scope scope)
    {
        // Long operator or filter chains nest as deeply as they are long; fail before the stack overflows.
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new ChatTemplateException(expression.Line, "the expression is nested too deeply");
        try
        {
            return EvaluateCore(expression, scope);
        }
        catch (ChatTemplateException error) when (error.Line is null)
        {
            throw error.AtLine(expression.Line);
        }
        catch (OverflowException)
        {
            throw new ChatTemplateException(expression.Line, "integer overflow (template integers are limited to 64 bits)");
        }
    }

    public bool IsTrue(Expression expression, Scope scope) => PyTypes.IsTruthy(Evaluate(expression, scope));

    private object? EvaluateCore(Expression expression, Scope scope)
    {
        switch (expression)
        {
            case ConstantExpression constant:
                return constant.Value;
            case NameExpression name:
                return Lookup(name.Name, scope);
            case AttributeExpression attribute:
                return ObjectAccess.GetAttribute(Evaluate(attribute.Target, scope), attribute.Name);
            case ItemExpression item:
                return EvaluateItem(item, scope);
            case CallExpression call:
                return context.Call(Evaluate(call.Callee, scope), EvaluateArguments(call.Positional, call.Named, scope));
            case FilterExpression filter:
                return ApplyFilter(filter.Filter, Evaluate(filter.Subject, scope), scope);
            case TestExpression test:
                var passed = test.Test(context, Evaluate(test.Subject, scope), EvaluateArguments(test.Positional, test.Named, scope));
                return passed != test.Negated;
            case BinaryExpression binary:
                return EvaluateBinary(binary, scope);
            case LogicalExpression logical:
                var left = Evaluate(logical.Left, scope);
                return PyTypes.IsTruthy(left) == logical.IsAnd ? Evaluate(logical.Right, scope) : left;
            case UnaryExpression unary:
                var operand = Evaluate(unary.Operand, scope);
                return unary.Operator switch
                {
                    UnaryOperator.Not => !PyTypes.IsTruthy(operand),
                    UnaryOperator.Negate => PyArithmetic.Negate(operand),
                    _ => PyArithmetic.Plus(operand),
                };
            case CompareExpression compare:
                return EvaluateComparison(compare, scope);
            case ConditionalExpression conditional:
                if (IsTrue(conditional.Condition, scope))
                    return Evaluate(conditional.WhenTrue, scope);
                return conditional.WhenFalse is null
                    ? Undefined.WithHint($"the inline if-expression on line {conditional.Line} evaluated to false and no else section was defined.")
                    : Evaluate(conditional.WhenFalse, scope);
            case ListExpression list:
                var items = new List<object?>(list.Items.Length);
                foreach (var element in list.Items)
                    items.Add(Evaluate(element, scope));
                return items;
            case TupleExpression tuple:
                return EvaluateAll(tuple.Items, scope);
            case DictExpression dict:
                var result = new PyDict(dict.Entries.Length);
                foreach (var (key, value) in dict.Entries)
                    result.Set(Evaluate(key, scope), Evaluate(value, scope));
                return result;
            case SliceExpression slice:
                return new PySlice(EvaluateOptional(slice.Start, scope), EvaluateOptional(slice.Stop, scope), EvaluateOptional(slice.Step, scope));
            default:
                throw new InvalidOperationException($"unknown expression node {expression.GetType().Name}");
        }
    }

    private static object? Lookup(string name, Scope scope)
    {
        if (scope.TryLookup(name, out var value))
            return value;
        return GlobalFunctions.TryGet(name, out var global) ? global : Undefined.Variable(name);
    }

    private object? EvaluateItem(ItemExpression item, Scope scope)
    {
        var target = Evaluate(item.Target, scope);
        if (item.Key is not SliceExpression slice)
            return ObjectAccess.GetItem(target, Evaluate(item.Key, scope));
        if (target is Undefined undefined)
            throw undefined.Fail();
        var (start, stop, step) = (EvaluateOptional(slice.Start, scope), EvaluateOptional(slice.Stop, scope), EvaluateOptional(slice.Step, scope));
        return PySlicing.Slice(target, start, stop, step) ?? Undefined.Element(target, new PySlice(start, stop, step));
    }

    private object? EvaluateOptional(Expression? expression, Scope scope) => expression is null ? null : Evaluate(expression, scope);

    private object?[] EvaluateAll(Expression[] expressions, Scope scope)
    {
        if (expressions.Length == 0)
            return [];
        var values = new object?[expressions.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = Evaluate(expressions[i], scope);
        return values;
    }

    public CallArguments EvaluateArguments(Expression[] positional, NamedArgument[] named, Scope scope)
    {
        if (positional.Length == 0 && named.Length == 0)
            return CallArguments.Empty;
        var namedValues = new KeyValuePair<string, object?>[named.Length];
        var values = EvaluateAll(positional, scope);
        for (var i = 0; i < named.Length; i++)
            namedValues[i] = new(named[i].Name, Evaluate(named[i].Value, scope));
        return new CallArguments(values, namedValues);
    }

    public object? ApplyFilter(FilterCall filter, object? subject, Scope scope)
    {
        try
        {
            return filter.Function(context, subject, EvaluateArguments(filter.Positional, filter.Named, scope));
        }
        catch (ChatTemplateException error) when (error.Line is null)
        {
            throw error.AtLine(filter.Line);
        }
    }

    private object? EvaluateBinary(BinaryExpression binary, Scope scope)
    {
        var left = Evaluate(binary.Left, scope);
        var right = Evaluate(binary.Right, scope);
        return binary.Operator switch
        {
            BinaryOperator.Add => PyArithmetic.Add(left, right),
            BinaryOperator.Subtract => PyArithmetic.Subtract(left, right),
            BinaryOperator.Multiply => PyArithmetic.Multiply(left, right),
            BinaryOperator.Divide => PyArithmetic.Divide(left, right),
            BinaryOperator.FloorDivide => PyArithmetic.FloorDivide(left, right),
            BinaryOperator.Modulo => PyArithmetic.Modulo(left, right),
            BinaryOperator.Power => PyArithmetic.Power(left, right),
            _ => PyArithmetic.Concatenate(left, right),
        };
    }

    private bool EvaluateComparison(CompareExpression compare, Scope scope)
    {
        var left = Evaluate(compare.First, scope);
        foreach (var step in compare.Steps)
        {
            var right = Evaluate(step.Operand, scope);
            var holds = step.Operator switch
            {
                CompareOperator.Equal => PyEquality.AreEqual(left, right),
                CompareOperator.NotEqual => !PyEquality.AreEqual(left, right),
                CompareOperator.Less => PyOrdering.LessThan(left, right),
                CompareOperator.LessOrEqual => PyOrdering.LessOrEqual(left, right),
                CompareOperator.Greater => PyOrdering.GreaterThan(left, right),
                CompareOperator.GreaterOrEqual => PyOrdering.GreaterOrEqual(left, right),
                CompareOperator.In => PyIteration.Contains(right, left),
                _ => !PyIteration.Contains(right, left),
            };
            if (!holds)
                return false;
            left = right;
        }
        return true;
    }
}
