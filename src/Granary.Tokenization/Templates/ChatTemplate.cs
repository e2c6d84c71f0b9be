using System.Text;
using Granary.Tokenization.Templates.Lexing;
using Granary.Tokenization.Templates.Parsing;
using Granary.Tokenization.Templates.Rendering;
using Granary.Tokenization.Templates.Runtime;
using Granary.Tokenization.Templates.Syntax.Statements;

namespace Granary.Tokenization.Templates;

/// <summary>
/// A Hugging Face chat template (Jinja2), parsed once and rendered many times with the output transformers
/// produces: Jinja2 configured as HF does (<c>ImmutableSandboxedEnvironment</c>, <c>trim_blocks</c>,
/// <c>lstrip_blocks</c>, loop controls, <c>generation</c> tag, HF's <c>tojson</c>, <c>raise_exception</c>
/// and <c>strftime_now</c>). Instances are immutable and safe to render from several threads.
/// </summary>
public sealed class ChatTemplate
{
    private readonly Node[] _body;

    private ChatTemplate(string source, Node[] body)
    {
        Source = source;
        _body = body;
    }

    /// <summary>The template text as given.</summary>
    public string Source { get; }

    /// <summary>Parses a template; a syntax error throws <see cref="ChatTemplateException"/> naming the line.</summary>
    public static ChatTemplate Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            return new ChatTemplate(source, TemplateParser.Parse(TemplateLexer.Tokenize(source)));
        }
        catch (InsufficientExecutionStackException)
        {
            throw new ChatTemplateException("the template is nested too deeply");
        }
    }

    /// <summary>
    /// Renders the template. Variables are what HF passes: <c>messages</c>, <c>tools</c>,
    /// <c>add_generation_prompt</c>, <c>bos_token</c>, <c>eos_token</c> (and the other special tokens), plus any
    /// chat_template_kwargs. Values may be null, bool, string, numbers, <see cref="System.Text.Json.JsonElement"/>,
    /// <see cref="System.Text.Json.Nodes.JsonNode"/>, dictionaries with string keys and enumerables.
    /// Template errors, including the template's own <c>raise_exception</c>, throw <see cref="ChatTemplateException"/>.
    /// </summary>
    public string Render(IReadOnlyDictionary<string, object?> variables) => Render(variables, () => DateTime.Now);

    /// <summary>Renders with a given clock for <c>strftime_now</c> (tests pin the date).</summary>
    internal string Render(IReadOnlyDictionary<string, object?> variables, Func<DateTime> clock)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var root = new Dictionary<string, object?>(variables.Count, StringComparer.Ordinal);
        foreach (var (name, value) in variables)
            root[name] = InputConverter.Convert(value, name);
        var output = new StringBuilder();
        new RenderContext(clock).Renderer.Render(_body, new Scope(root), output);
        return output.ToString();
    }
}
