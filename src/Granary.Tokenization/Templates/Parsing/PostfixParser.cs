using Granary.Tokenization.Templates.Filters;
using Granary.Tokenization.Templates.JinjaTests;
using Granary.Tokenization.Templates.Lexing;
using Granary.Tokenization.Templates.Syntax.Expressions;

namespace Granary.Tokenization.Templates.Parsing;

/// <summary>
/// The postfix half of expression parsing: attribute and subscript access, slices, call arguments,
/// filter chains (<c>| name(args)</c>) and tests (<c>is [not] name arg</c>). Filters and tests are resolved
/// here, so an unknown name is a syntax error with its line, as Jinja reports it at compile time.
/// </summary>
internal sealed class PostfixParser(TokenStream stream, ExpressionParser expressions)
{
    public Expression ParsePostfix(Expression node)
    {
        while (true)
        {
            if (stream.Current.IsOperator(".") || stream.Current.IsOperator("["))
                node = ParseSubscript(node);
            else if (stream.Current.IsOperator("("))
                node = ParseCall(node);
            else
                return node;
        }
    }

    public Expression ParseFilterAndTests(Expression node)
    {
        while (true)
        {
            if (stream.Current.IsOperator("|"))
            {
                stream.Next();
                node = new FilterExpression(node.Line, node, ParseFilterCall());
            }
            else if (stream.Current.IsName("is"))
            {
                node = ParseTest(node);
            }
            else if (stream.Current.IsOperator("("))
            {
                node = ParseCall(node);
            }
            else
            {
                return node;
            }
        }
    }

    private Expression ParseSubscript(Expression node)
    {
        var token = stream.Next();
        if (token.Text == ".")
        {
            var attribute = stream.Next();
            if (attribute.Kind == TokenKind.Name)
                return new AttributeExpression(token.Line, node, attribute.Text);
            if (attribute.Kind != TokenKind.Integer)
                throw new ChatTemplateException(attribute.Line, "expected name or number");
            return new ItemExpression(token.Line, node, new ConstantExpression(attribute.Line, attribute.Value));
        }
        var keys = new List<Expression>();
        while (!stream.Current.IsOperator("]"))
        {
            if (keys.Count > 0)
                stream.ExpectOperator(",");
            keys.Add(ParseSubscribed());
        }
        stream.ExpectOperator("]");
        var key = keys.Count == 1 ? keys[0] : new TupleExpression(token.Line, [.. keys]);
        return new ItemExpression(token.Line, node, key);
    }

    /// <summary>One subscript element: an expression or a slice <c>start:stop:step</c>.</summary>
    private Expression ParseSubscribed()
    {
        var line = stream.Current.Line;
        Expression? start = null;
        if (!stream.Current.IsOperator(":"))
        {
            start = expressions.ParseExpression();
            if (!stream.Current.IsOperator(":"))
                return start;
        }
        stream.Next();
        var stop = IsSliceEnd() ? null : expressions.ParseExpression();
        Expression? step = null;
        if (stream.SkipIfOperator(":") && !IsSliceEnd())
            step = expressions.ParseExpression();
        return new SliceExpression(line, start, stop, step);
    }

    private bool IsSliceEnd() => stream.Current.IsOperator(":") || stream.Current.IsOperator("]") || stream.Current.IsOperator(",");

    private CallExpression ParseCall(Expression callee)
    {
        var line = stream.Current.Line;
        var (positional, named) = ParseCallArguments();
        return new CallExpression(line, callee, positional, named);
    }

    /// <summary>Parses <c>(a, b, key=value)</c>; positional arguments may not follow keyword ones.</summary>
    public (Expression[] Positional, NamedArgument[] Named) ParseCallArguments()
    {
        var open = stream.ExpectOperator("(");
        var positional = new List<Expression>();
        var named = new List<NamedArgument>();
        while (!stream.Current.IsOperator(")"))
        {
            if (positional.Count + named.Count > 0)
            {
                stream.ExpectOperator(",");
                if (stream.Current.IsOperator(")"))
                    break;
            }
            if (stream.Current.IsOperator("*") || stream.Current.IsOperator("**"))
                throw new ChatTemplateException(stream.Current.Line, "*args and **kwargs in calls are not supported");
            if (stream.Current.Kind == TokenKind.Name && stream.Look.IsOperator("="))
            {
                var name = stream.Next().Text;
                stream.Next();
                named.Add(new NamedArgument(name, expressions.ParseExpression()));
            }
            else
            {
                if (named.Count > 0)
                    throw new ChatTemplateException(open.Line, "invalid syntax for function call expression");
                positional.Add(expressions.ParseExpression());
            }
        }
        stream.ExpectOperator(")");
        return ([.. positional], [.. named]);
    }

    public FilterCall ParseFilterCall()
    {
        var token = stream.Expect(TokenKind.Name, "filter name");
        var name = ReadDottedName(token.Text);
        if (!FilterTable.TryGet(name, out var function))
            throw new ChatTemplateException(token.Line, $"no filter named '{name}'");
        var (positional, named) = stream.Current.IsOperator("(") ? ParseCallArguments() : ([], []);
        return new FilterCall(token.Line, name, function, positional, named);
    }

    private Expression ParseTest(Expression subject)
    {
        var line = stream.Next().Line;
        var negated = stream.SkipIfName("not");
        var token = stream.Expect(TokenKind.Name, "test name");
        var name = ReadDottedName(token.Text);
        if (!TestTable.TryGet(name, out var test))
            throw new ChatTemplateException(token.Line, $"no test named '{name}'");
        Expression[] positional = [];
        NamedArgument[] named = [];
        var current = stream.Current;
        if (current.IsOperator("("))
        {
            (positional, named) = ParseCallArguments();
        }
        else if ((current.Kind is TokenKind.Name or TokenKind.String or TokenKind.Integer or TokenKind.Float
                  || current.IsOperator("[") || current.IsOperator("{"))
                 && !current.IsName("else") && !current.IsName("or") && !current.IsName("and"))
        {
            if (current.IsName("is"))
                throw new ChatTemplateException(current.Line, "you cannot chain multiple tests with is");
            positional = [ParsePostfix(expressions.ParsePrimary())];
        }
        return new TestExpression(line, subject, test, positional, named, negated);
    }

    private string ReadDottedName(string name)
    {
        while (stream.SkipIfOperator("."))
            name += "." + stream.Expect(TokenKind.Name, "name").Text;
        return name;
    }
}
