using System.Runtime.CompilerServices;
using Granary.Tokenization.Templates.Lexing;
using Granary.Tokenization.Templates.Syntax.Expressions;
using Granary.Tokenization.Templates.Syntax.Statements;
using Granary.Tokenization.Templates.Syntax.Targets;

namespace Granary.Tokenization.Templates.Parsing;

/// <summary>
/// Parses the token stream into statement nodes, following <c>jinja2.parser</c>: if/elif/else, for (with
/// filter and else), set (expression, namespace attribute and block forms), macro, call, filter, with,
/// print, break/continue (loopcontrols) and HF's generation tag. Template inheritance and includes are not
/// supported and are reported as syntax errors.
/// </summary>
internal sealed class TemplateParser
{
    private static readonly HashSet<string> UnsupportedTags = ["block", "extends", "include", "import", "from", "autoescape"];
    private readonly TokenStream _stream;
    private readonly NameUsageTracker _names = new();
    private readonly ExpressionParser _expressions;
    private readonly StatementErrors _errors;
    private int _loopDepth;

    private TemplateParser(List<Token> tokens)
    {
        _stream = new TokenStream(tokens);
        _expressions = new ExpressionParser(_stream, _names);
        _errors = new StatementErrors(_stream);
    }

    public static Node[] Parse(List<Token> tokens) => new TemplateParser(tokens).Subparse(null);

    /// <summary>Parses nodes until end of template or a block tag named in <paramref name="endTags"/> (left unread).</summary>
    private Node[] Subparse(string[]? endTags)
    {
        var body = new List<Node>();
        while (!_stream.AtEnd)
        {
            var token = _stream.Current;
            switch (token.Kind)
            {
                case TokenKind.Data:
                    _stream.Next();
                    body.Add(new TextNode(token.Line, token.Text));
                    break;
                case TokenKind.VariableBegin:
                    _stream.Next();
                    body.Add(new OutputNode(token.Line, _expressions.ParseTuple()));
                    _stream.Expect(TokenKind.VariableEnd, "end of print statement");
                    break;
                case TokenKind.BlockBegin:
                    _stream.Next();
                    if (endTags is not null && _stream.Current.Kind == TokenKind.Name && endTags.Contains(_stream.Current.Text))
                        return [.. body];
                    ParseStatement(body);
                    _stream.Expect(TokenKind.BlockEnd, "end of statement block");
                    break;
                default:
                    throw new ChatTemplateException(token.Line, $"unexpected {token.Describe()}");
            }
        }
        return [.. body];
    }

    /// <summary>The body of a block tag up to one of <paramref name="endTags"/>; fails at end of template.</summary>
    private Node[] ParseStatements(string tag, int tagLine, string[] endTags, bool dropEndTag)
    {
        _stream.SkipIfOperator(":");
        _stream.Expect(TokenKind.BlockEnd, "end of statement block");
        _errors.Open(tag, tagLine, endTags);
        var body = Subparse(endTags);
        if (_stream.AtEnd)
            throw _errors.UnexpectedEnd();
        _errors.Close();
        if (dropEndTag)
            _stream.Next();
        return body;
    }

    private void ParseStatement(List<Node> body)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var token = _stream.Current;
        if (token.Kind != TokenKind.Name)
            throw new ChatTemplateException(token.Line, "tag name expected");
        switch (token.Text)
        {
            case "if": body.Add(ParseIf()); break;
            case "for": body.Add(ParseFor()); break;
            case "set": body.Add(ParseSet()); break;
            case "macro": body.Add(ParseMacro()); break;
            case "call": body.Add(ParseCallBlock()); break;
            case "filter": body.Add(ParseFilterBlock()); break;
            case "with": body.Add(ParseWith()); break;
            case "print": ParsePrint(body); break;
            case "break" or "continue": body.Add(ParseLoopControl()); break;
            case "generation":
                _stream.Next();
                body.Add(new ScopedBlockNode(token.Line, ParseScopedBody("generation", token.Line, "endgeneration")));
                break;
            case var name when UnsupportedTags.Contains(name):
                throw new ChatTemplateException(token.Line, $"the '{name}' tag is not supported in chat templates");
            default:
                throw _errors.UnknownTag(token);
        }
    }

    private IfNode ParseIf()
    {
        var line = _stream.Next().Line;
        var branches = new List<IfBranch>();
        var condition = _expressions.ParseTuple(withCondition: false);
        while (true)
        {
            branches.Add(new IfBranch(condition, ParseStatements("if", line, ["elif", "else", "endif"], dropEndTag: false)));
            var token = _stream.Next();
            if (token.Text == "elif")
            {
                condition = _expressions.ParseTuple(withCondition: false);
                continue;
            }
            var elseBody = token.Text == "else" ? ParseStatements("if", line, ["endif"], dropEndTag: true) : [];
            return new IfNode(line, [.. branches], elseBody);
        }
    }

    private ForNode ParseFor()
    {
        var line = _stream.Next().Line;
        var target = ParseAssignTarget(extraEnd: t => t.IsName("in"));
        _stream.ExpectName("in");
        var iterable = _expressions.ParseTuple(withCondition: false, extraEnd: t => t.IsName("recursive"));
        var filter = _stream.SkipIfName("if") ? _expressions.ParseExpression() : null;
        if (_stream.Current.IsName("recursive"))
            throw new ChatTemplateException(_stream.Current.Line, "recursive for loops are not supported");
        _loopDepth++;
        var body = ParseStatements("for", line, ["endfor", "else"], dropEndTag: false);
        _loopDepth--;
        var elseBody = _stream.Next().Text == "else" ? ParseStatements("for", line, ["endfor"], dropEndTag: true) : [];
        return new ForNode(line, target, iterable, filter, body, elseBody);
    }

    private Node ParseSet()
    {
        var line = _stream.Next().Line;
        var target = ParseAssignTarget(withNamespace: true);
        if (_stream.SkipIfOperator("="))
            return new SetNode(line, target, _expressions.ParseTuple());
        var filters = new List<FilterCall>();
        while (_stream.SkipIfOperator("|"))
            filters.Add(_expressions.ParseFilterCall());
        return new SetBlockNode(line, target, [.. filters], ParseStatements("set", line, ["endset"], dropEndTag: true));
    }

    private MacroNode ParseMacro()
    {
        var line = _stream.Next().Line;
        var name = ParseAssignTarget(nameOnly: true) is NameTarget target ? target.Name : "";
        var parameters = ParseSignature();
        return new MacroNode(line, ParseMacroBody(line, "macro", name, parameters, "endmacro"));
    }

    private CallBlockNode ParseCallBlock()
    {
        var line = _stream.Next().Line;
        var parameters = _stream.Current.IsOperator("(") ? ParseSignature() : [];
        if (_expressions.ParseExpression() is not CallExpression call)
            throw new ChatTemplateException(line, "expected call");
        return new CallBlockNode(line, call, ParseMacroBody(line, "call", "caller", parameters, "endcall"));
    }

    private MacroDefinition ParseMacroBody(int line, string tag, string name, MacroParameter[] parameters, string endTag)
    {
        _names.BeginMacro();
        var savedLoopDepth = _loopDepth;
        _loopDepth = 0;
        var body = ParseStatements(tag, line, [endTag], dropEndTag: true);
        _loopDepth = savedLoopDepth;
        var used = _names.EndMacro();
        return new MacroDefinition(line, name, parameters, body, used.Contains("caller"), used.Contains("varargs"), used.Contains("kwargs"));
    }

    private MacroParameter[] ParseSignature()
    {
        _stream.ExpectOperator("(");
        var parameters = new List<MacroParameter>();
        while (!_stream.Current.IsOperator(")"))
        {
            if (parameters.Count > 0)
                _stream.ExpectOperator(",");
            var name = ((NameTarget)ParseAssignTarget(nameOnly: true)).Name;
            Expression? fallback = null;
            if (_stream.SkipIfOperator("="))
                fallback = _expressions.ParseExpression();
            else if (parameters.Count > 0 && parameters[^1].Default is not null)
                throw new ChatTemplateException(_stream.Current.Line, "non-default argument follows default argument");
            parameters.Add(new MacroParameter(name, fallback));
        }
        _stream.ExpectOperator(")");
        return [.. parameters];
    }

    private FilterBlockNode ParseFilterBlock()
    {
        var line = _stream.Next().Line;
        var filters = new List<FilterCall> { _expressions.ParseFilterCall() };
        while (_stream.SkipIfOperator("|"))
            filters.Add(_expressions.ParseFilterCall());
        return new FilterBlockNode(line, [.. filters], ParseScopedBody("filter", line, "endfilter"));
    }

    private WithNode ParseWith()
    {
        var line = _stream.Next().Line;
        var assignments = new List<WithAssignment>();
        while (_stream.Current.Kind != TokenKind.BlockEnd)
        {
            if (assignments.Count > 0)
                _stream.ExpectOperator(",");
            var target = ParseAssignTarget();
            _stream.ExpectOperator("=");
            assignments.Add(new WithAssignment(target, _expressions.ParseExpression()));
        }
        return new WithNode(line, [.. assignments], ParseScopedBody("with", line, "endwith"));
    }

    private Node[] ParseScopedBody(string tag, int line, string endTag) => ParseStatements(tag, line, [endTag], dropEndTag: true);

    private void ParsePrint(List<Node> body)
    {
        var line = _stream.Next().Line;
        var first = true;
        while (_stream.Current.Kind != TokenKind.BlockEnd)
        {
            if (!first)
                _stream.ExpectOperator(",");
            first = false;
            body.Add(new OutputNode(line, _expressions.ParseExpression()));
        }
    }

    private LoopControlNode ParseLoopControl()
    {
        var token = _stream.Next();
        if (_loopDepth == 0)
            throw new ChatTemplateException(token.Line, $"'{token.Text}' outside of a loop");
        return new LoopControlNode(token.Line, token.Text == "break");
    }

    private AssignTarget ParseAssignTarget(bool nameOnly = false, Func<Token, bool>? extraEnd = null, bool withNamespace = false)
    {
        if (nameOnly)
        {
            var token = _stream.Expect(TokenKind.Name, "name");
            return token.Text is "true" or "false" or "none" or "True" or "False" or "None"
                ? throw new ChatTemplateException(token.Line, $"can't assign to '{token.Text}'")
                : new NameTarget(token.Text);
        }
        if (withNamespace && _stream.Current.Kind == TokenKind.Name && _stream.Look.IsOperator("."))
        {
            var namespaceName = _stream.Next().Text;
            _stream.Next();
            return new NamespaceAttributeTarget(namespaceName, _stream.Expect(TokenKind.Name, "attribute name").Text);
        }
        _names.ParsingTarget = true;
        try
        {
            return ToTarget(_expressions.ParseTuple(simplified: true, extraEnd: extraEnd));
        }
        finally
        {
            _names.ParsingTarget = false;
        }
    }

    private static AssignTarget ToTarget(Expression expression) => expression switch
    {
        NameExpression name => new NameTarget(name.Name),
        TupleExpression tuple => new TupleTarget([.. tuple.Items.Select(ToTarget)]),
        ConstantExpression constant => throw new ChatTemplateException(constant.Line, "can't assign to 'const'"),
        _ => throw new ChatTemplateException(expression.Line, "can't assign to this expression"),
    };
}
