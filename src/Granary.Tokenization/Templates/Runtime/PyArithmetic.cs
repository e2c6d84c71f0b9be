using Granary.Tokenization.Templates.Formatting;

namespace Granary.Tokenization.Templates.Runtime;

/// <summary>
/// Python's arithmetic operators on template values: int stays int (checked 64-bit; the evaluator reports
/// an <see cref="OverflowException"/> as a template error), <c>/</c> is always float,
/// <c>//</c> and <c>%</c> floor, <c>+</c> and <c>*</c> also concatenate and repeat sequences, <c>str % x</c> formats.
/// </summary>
internal static class PyArithmetic
{
    public static object? Add(object? left, object? right)
    {
        FailIfUndefined(left, right);
        if (PyTypes.IsNumber(left) && PyTypes.IsNumber(right))
            return left is double || right is double ? PyTypes.ToDouble(left) + PyTypes.ToDouble(right) : (object)checked(Int(left) + Int(right));
        switch (left)
        {
            case string s when right is string t:
                return string.Concat(s, t);
            case string:
                throw new ChatTemplateException($"can only concatenate str (not \"{PyTypes.TypeName(right)}\") to str");
            case List<object?> list when right is List<object?> other:
                var joined = new List<object?>(list.Count + other.Count);
                joined.AddRange(list);
                joined.AddRange(other);
                return joined;
            case List<object?>:
                throw new ChatTemplateException($"can only concatenate list (not \"{PyTypes.TypeName(right)}\") to list");
            case object?[] tuple when right is object?[] otherTuple:
                object?[] joinedTuple = [.. tuple, .. otherTuple];
                return joinedTuple;
        }
        throw Unsupported("+", left, right);
    }

    public static object? Subtract(object? left, object? right)
    {
        FailIfUndefined(left, right);
        if (PyTypes.IsNumber(left) && PyTypes.IsNumber(right))
            return left is double || right is double ? PyTypes.ToDouble(left) - PyTypes.ToDouble(right) : (object)checked(Int(left) - Int(right));
        throw Unsupported("-", left, right);
    }

    public static object? Multiply(object? left, object? right)
    {
        FailIfUndefined(left, right);
        if (PyTypes.IsNumber(left) && PyTypes.IsNumber(right))
            return left is double || right is double ? PyTypes.ToDouble(left) * PyTypes.ToDouble(right) : (object)checked(Int(left) * Int(right));
        if (PyTypes.IsInteger(right) && Repeat(left, Int(right)) is { } repeated)
            return repeated;
        if (PyTypes.IsInteger(left) && Repeat(right, Int(left)) is { } repeatedRight)
            return repeatedRight;
        throw Unsupported("*", left, right);
    }

    public static object? Divide(object? left, object? right)
    {
        FailIfUndefined(left, right);
        if (!PyTypes.IsNumber(left) || !PyTypes.IsNumber(right))
            throw Unsupported("/", left, right);
        var divisor = PyTypes.ToDouble(right);
        if (divisor == 0)
            throw new ChatTemplateException("division by zero");
        return PyTypes.ToDouble(left) / divisor;
    }

    public static object? FloorDivide(object? left, object? right)
    {
        FailIfUndefined(left, right);
        if (!PyTypes.IsNumber(left) || !PyTypes.IsNumber(right))
            throw Unsupported("//", left, right);
        if (left is double || right is double)
            return FloatDivMod(PyTypes.ToDouble(left), PyTypes.ToDouble(right)).Quotient;
        var (a, b) = (Int(left), Int(right));
        if (b == 0)
            throw new ChatTemplateException("integer division or modulo by zero");
        return checked(FloorDiv(a, b));
    }

    public static object? Modulo(object? left, object? right)
    {
        // str % x never defers to x (Undefined included): Python formats first.
        if (left is string format)
            return PercentFormatter.Format(format, right);
        FailIfUndefined(left, right);
        if (!PyTypes.IsNumber(left) || !PyTypes.IsNumber(right))
            throw Unsupported("%", left, right);
        if (left is double || right is double)
            return FloatDivMod(PyTypes.ToDouble(left), PyTypes.ToDouble(right)).Remainder;
        var (a, b) = (Int(left), Int(right));
        if (b == 0)
            throw new ChatTemplateException("integer modulo by zero");
        return a - (b == -1 ? a : FloorDiv(a, b) * b);
    }

    public static object? Power(object? left, object? right)
    {
        FailIfUndefined(left, right);
        if (!PyTypes.IsNumber(left) || !PyTypes.IsNumber(right))
            throw Unsupported("** or pow()", left, right);
        if (left is not double && right is not double && Int(right) >= 0)
            return IntPower(Int(left), Int(right));
        var (x, y) = (PyTypes.ToDouble(left), PyTypes.ToDouble(right));
        if (x == 0 && y < 0)
            throw new ChatTemplateException("0.0 cannot be raised to a negative power");
        if (x < 0 && Math.Floor(y) != y)
            throw new ChatTemplateException("complex results of ** are not supported");
        var power = Math.Pow(x, y);
        if (double.IsInfinity(power) && double.IsFinite(x) && double.IsFinite(y))
            throw new ChatTemplateException("(34, 'Numerical result out of range')");
        return power;
    }

    public static object? Negate(object? operand) => operand switch
    {
        long l => (object)checked(-l),
        bool b => (object)(b ? -1L : 0L),
        double d => (object)(-d),
        Undefined u => throw u.Fail(),
        _ => throw new ChatTemplateException($"bad operand type for unary -: '{PyTypes.TypeName(operand)}'"),
    };

    public static object? Plus(object? operand) => operand switch
    {
        long or double => operand,
        bool b => (object)(b ? 1L : 0L),
        Undefined u => throw u.Fail(),
        _ => throw new ChatTemplateException($"bad operand type for unary +: '{PyTypes.TypeName(operand)}'"),
    };

    /// <summary>Jinja's <c>~</c>: both sides converted with <c>str()</c> (Undefined gives "").</summary>
    public static string Concatenate(object? left, object? right) => string.Concat(PyRepr.Str(left), PyRepr.Str(right));

    private static long Int(object? value) => PyTypes.ToInteger(value, "operand");

    private static long FloorDiv(long a, long b)
    {
        var quotient = a / b;
        if (a % b != 0 && (a < 0) != (b < 0))
            quotient--;
        return quotient;
    }

    /// <summary>CPython's float divmod, which keeps the remainder's sign equal to the divisor's.</summary>
    private static (double Quotient, double Remainder) FloatDivMod(double x, double y)
    {
        if (y == 0)
            throw new ChatTemplateException("float divmod by zero");
        var mod = x % y;
        var div = (x - mod) / y;
        if (mod != 0)
        {
            if ((y < 0) != (mod < 0))
            {
                mod += y;
                div -= 1.0;
            }
        }
        else
        {
            mod = Math.CopySign(0.0, y);
        }
        double floorDiv;
        if (div != 0)
        {
            floorDiv = Math.Floor(div);
            if (div - floorDiv > 0.5)
                floorDiv += 1.0;
        }
        else
        {
            floorDiv = Math.CopySign(0.0, x / y);
        }
        return (floorDiv, mod);
    }

    private static long IntPower(long x, long exponent)
    {
        long result = 1;
        while (exponent > 0)
        {
            if ((exponent & 1) == 1)
                result = checked(result * x);
            exponent >>= 1;
            if (exponent > 0)
                x = checked(x * x);
        }
        return result;
    }

    private static object? Repeat(object? sequence, long times)
    {
        var count = (int)Math.Max(0, Math.Min(times, int.MaxValue));
        var unit = sequence switch
        {
            string s => s.Length,
            List<object?> list => list.Count,
            object?[] tuple => tuple.Length,
            _ => 0,
        };
        SizeLimits.EnsureGeneratedLength((long)unit * count, "sequence repetition");
        switch (sequence)
        {
            case string s:
                return count == 0 ? "" : string.Concat(Enumerable.Repeat(s, count));
            case List<object?> list:
                var repeated = new List<object?>(list.Count * count);
                for (var i = 0; i < count; i++)
                    repeated.AddRange(list);
                return repeated;
            case object?[] tuple:
                return Enumerable.Range(0, count).SelectMany(_ => tuple).ToArray();
            default:
                return null;
        }
    }

    private static void FailIfUndefined(object? left, object? right)
    {
        if (left is Undefined leftUndefined)
            throw leftUndefined.Fail();
        if (right is Undefined rightUndefined)
            throw rightUndefined.Fail();
    }

    private static ChatTemplateException Unsupported(string symbol, object? left, object? right) =>
        new($"unsupported operand type(s) for {symbol}: '{PyTypes.TypeName(left)}' and '{PyTypes.TypeName(right)}'");
}
