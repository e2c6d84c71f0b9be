using System.Runtime.CompilerServices;
using Granary.Tokenization.Templates.Lexing;
using Granary.Tokenization.Templates.Syntax.Expressions;

namespace Granary.Tokenization.Templates.Parsing;

/// <summary>
/// Recursive-descent parser for Jinja expressions, following the precedence of <c>jinja2.parser</c>:
/// conditional, or, and, not, comparisons, + -, ~, * / // %, **, unary - +, then primaries with postfix
/// (attribute, subscript, call) and filter/test chains. Notable Jinja quirks kept: <c>**</c> is left
/// associative, <c>-x</c> binds before <c>**</c>, and filters bind tighter than any binary operator.
/// </summary>
internal sealed class ExpressionParser(TokenStream stream, NameUsageTracker names)
{
    private static readonly HashSet<string> ComparisonSymbols = ["==", "!=", "<", "<=", ">", ">="];
    private PostfixParser? _postfix;

    private PostfixParser Postfix => _postfix ??= new PostfixParser(stream, this);

    /// <summary>Parses <c>name(args)</c> after a <c>|</c> (also used by filter and set blocks).</summary>
    public FilterCall ParseFilterCall() => Postfix.ParseFilterCall();

    public Expression ParseExpression(bool withCondition = true) => withCondition ? ParseConditional() : ParseOr();

    /// <summary>Comma-separated expressions; a tuple only if there is a comma (Jinja's <c>parse_tuple</c>).</summary>
    public Expression ParseTuple(bool simplified = false, bool withCondition = true, Func<Token, bool>? extraEnd = null, bool explicitParentheses = false)
    {
        var line = stream.Current.Line;
        var items = new List<Expression>();
        var isTuple = false;
        while (true)
        {
            if (items.Count > 0)
                stream.ExpectOperator(",");
            if (IsTupleEnd(extraEnd))
                break;
            items.Add(simplified ? ParsePrimary() : ParseExpression(withCondition));
            if (stream.Current.IsOperator(","))
                isTuple = true;
            else
                break;
        }
        if (!isTuple)
        {
            if (items.Count > 0)
                return items[0];
            if (!explicitParentheses)
                throw new ChatTemplateException(stream.Current.Line, $"expected an expression, got {stream.Current.Describe()}");
        }
        return new TupleExpression(line, [.. items]);
    }

    private bool IsTupleEnd(Func<Token, bool>? extraEnd)
    {
        var current = stream.Current;
        if (current.Kind is TokenKind.VariableEnd or TokenKind.BlockEnd || current.IsOperator(")"))
            return true;
        return extraEnd is not null && extraEnd(current);
    }

    private Expression ParseConditional()
    {
        var line = stream.Current.Line;
        var expression = ParseOr();
        while (stream.SkipIfName("if"))
        {
            var condition = ParseOr();
            var otherwise = stream.SkipIfName("else") ? ParseConditional() : null;
            expression = new ConditionalExpression(line, condition, expression, otherwise);
            line = stream.Current.Line;
        }
        return expression;
    }

    private Expression ParseOr()
    {
        var line = stream.Current.Line;
        var left = ParseAnd();
        while (stream.SkipIfName("or"))
            left = new LogicalExpression(line, isAnd: false, left, ParseAnd());
        return left;
    }

    private Expression ParseAnd()
    {
        var line = stream.Current.Line;
        var left = ParseNot();
        while (stream.SkipIfName("and"))
            left = new LogicalExpression(line, isAnd: true, left, ParseNot());
        return left;
    }

    private Expression ParseNot()
    {
        if (stream.Current.IsName("not"))
        {
            var line = stream.Next().Line;
            return new UnaryExpression(line, UnaryOperator.Not, ParseNot());
        }
        return ParseCompare();
    }

    private Expression ParseCompare()
    {
        var line = stream.Current.Line;
        var first = ParseMath1();
        var steps = new List<ComparisonStep>();
        while (true)
        {
            var current = stream.Current;
            if (current.Kind == TokenKind.Operator && ComparisonSymbols.Contains(current.Text))
            {
                stream.Next();
                steps.Add(new ComparisonStep(ToCompareOperator(current.Text), ParseMath1()));
            }
            else if (stream.SkipIfName("in"))
            {
                steps.Add(new ComparisonStep(CompareOperator.In, ParseMath1()));
            }
            else if (current.IsName("not") && stream.Look.IsName("in"))
            {
                stream.Next();
                stream.Next();
                steps.Add(new ComparisonStep(CompareOperator.NotIn, ParseMath1()));
            }
            else
            {
                break;
            }
        }
        return steps.Count == 0 ? first : new CompareExpression(line, first, [.. steps]);
    }

    private static CompareOperator ToCompareOperator(string symbol) => symbol switch
    {
        "==" => CompareOperator.Equal,
        "!=" => CompareOperator.NotEqual,
        "<" => CompareOperator.Less,
        "<=" => CompareOperator.LessOrEqual,
        ">" => CompareOperator.Greater,
        _ => CompareOperator.GreaterOrEqual,
    };

    private Expression ParseMath1()
    {
        var left = ParseConcat();
        while (stream.Current.IsOperator("+") || stream.Current.IsOperator("-"))
        {
            var token = stream.Next();
            left = new BinaryExpression(token.Line, token.Text == "+" ? BinaryOperator.Add : BinaryOperator.Subtract, left, ParseConcat());
        }
        return left;
    }

    private Expression ParseConcat()
    {
        var left = ParseMath2();
        while (stream.Current.IsOperator("~"))
        {
            var token = stream.Next();
            left = new BinaryExpression(token.Line, BinaryOperator.Concatenate, left, ParseMath2());
        }
        return left;
    }

    private Expression ParseMath2()
    {
        var left = ParsePower();
        while (stream.Current.Kind == TokenKind.Operator && stream.Current.Text is "*" or "/" or "//" or "%")
        {
            var token = stream.Next();
            var op = token.Text switch
            {
                "*" => BinaryOperator.Multiply,
                "/" => BinaryOperator.Divide,
                "//" => BinaryOperator.FloorDivide,
                _ => BinaryOperator.Modulo,
            };
            left = new BinaryExpression(token.Line, op, left, ParsePower());
        }
        return left;
    }

    private Expression ParsePower()
    {
        var left = ParseUnary();
        while (stream.Current.IsOperator("**"))
        {
            var token = stream.Next();
            left = new BinaryExpression(token.Line, BinaryOperator.Power, left, ParseUnary());
        }
        return left;
    }

    private Expression ParseUnary(bool withFilter = true)
    {
        // Parentheses recurse through every precedence level; stop before the stack runs out.
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var current = stream.Current;
        Expression node;
        if (current.IsOperator("-") || current.IsOperator("+"))
        {
            stream.Next();
            node = new UnaryExpression(current.Line, current.Text == "-" ? UnaryOperator.Negate : UnaryOperator.Plus, ParseUnary(withFilter: false));
        }
        else
        {
            node = ParsePrimary();
        }
        node = Postfix.ParsePostfix(node);
        return withFilter ? Postfix.ParseFilterAndTests(node) : node;
    }

    public Expression ParsePrimary()
    {
        var token = stream.Current;
        switch (token.Kind)
        {
            case TokenKind.Name:
                stream.Next();
                switch (token.Text)
                {
                    case "true" or "True":
                        return new ConstantExpression(token.Line, true);
                    case "false" or "False":
                        return new ConstantExpression(token.Line, false);
                    case "none" or "None":
                        return new ConstantExpression(token.Line, null);
                }
                names.RecordRead(token.Text);
                return new NameExpression(token.Line, token.Text);
            case TokenKind.String:
                stream.Next();
                var text = (string)token.Value!;
                while (stream.Current.Kind == TokenKind.String)
                    text += (string)stream.Next().Value!;
                return new ConstantExpression(token.Line, text);
            case TokenKind.Integer or TokenKind.Float:
                stream.Next();
                return new ConstantExpression(token.Line, token.Value);
            case TokenKind.Operator when token.Text == "(":
                stream.Next();
                var inner = ParseTuple(explicitParentheses: true);
                stream.ExpectOperator(")");
                return inner;
            case TokenKind.Operator when token.Text == "[":
                return ParseList();
            case TokenKind.Operator when token.Text == "{":
                return ParseDict();
            default:
                throw new ChatTemplateException(token.Line, $"unexpected {token.Describe()}");
        }
    }

    private ListExpression ParseList()
    {
        var line = stream.ExpectOperator("[").Line;
        var items = new List<Expression>();
        while (!stream.Current.IsOperator("]"))
        {
            if (items.Count > 0)
                stream.ExpectOperator(",");
            if (stream.Current.IsOperator("]"))
                break;
            items.Add(ParseExpression());
        }
        stream.ExpectOperator("]");
        return new ListExpression(line, [.. items]);
    }

    private DictExpression ParseDict()
    {
        var line = stream.ExpectOperator("{").Line;
        var entries = new List<KeyValuePair<Expression, Expression>>();
        while (!stream.Current.IsOperator("}"))
        {
            if (entries.Count > 0)
                stream.ExpectOperator(",");
            if (stream.Current.IsOperator("}"))
                break;
            var key = ParseExpression();
            stream.ExpectOperator(":");
            entries.Add(new(key, ParseExpression()));
        }
        stream.ExpectOperator("}");
        return new DictExpression(line, [.. entries]);
    }
}
