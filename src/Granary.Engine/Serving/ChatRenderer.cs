using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Granary.Engine.Abstractions;
using Granary.Tokenization;
using Granary.Tokenization.Templates;

namespace Granary.Engine.Serving;

/// <summary>
/// Renders a chat with the model's Jinja template as transformers' apply_chat_template does:
/// messages, tools, add_generation_prompt, the tokenizer's special tokens and any
/// chat_template_kwargs. Content parts become a string unless the template loops over them.
/// </summary>
/// <param name="imagePlaceholder">The text an image part becomes in string content ("&lt;image&gt;"); null when the model takes no images.</param>
internal sealed partial class ChatRenderer(ChatTemplate? template, PretrainedTokenizer tokenizer, string? imagePlaceholder = null)
{
    private readonly Dictionary<string, (ChatTemplate Template, bool PartsFormat)> _overrides = [];

    /// <summary>The model's own template text; null when it has none.</summary>
    public string? TemplateSource => template?.Source;

    public string Render(ChatPrompt chat)
    {
        var (compiled, partsFormat) = Resolve(chat.ChatTemplate);
        var variables = new Dictionary<string, object?>();
        foreach (var (name, value) in tokenizer.SpecialTokenStrings) variables[name] = value;
        variables["messages"] = chat.Messages.Select((m, i) => ToTemplateMessage(m, i, partsFormat)).ToList();
        variables["tools"] = chat.ToolsJson is null ? null : JsonNode.Parse(chat.ToolsJson);
        variables["add_generation_prompt"] = chat.AddGenerationPrompt && !chat.ContinueFinalMessage;
        if (chat.ChatTemplateKwargsJson is not null && JsonNode.Parse(chat.ChatTemplateKwargsJson) is JsonObject kwargs)
            foreach (var (name, value) in kwargs) variables[name] = value?.DeepClone();

        string rendered;
        try
        {
            rendered = compiled.Render(variables);
        }
        catch (ChatTemplateException error)
        {
            throw new EngineRequestException($"The chat template could not render this conversation: {error.Message}", "messages");
        }
        return chat.ContinueFinalMessage ? CutAfterFinalMessage(rendered, chat.Messages) : rendered;
    }

    private (ChatTemplate Template, bool PartsFormat) Resolve(string? source)
    {
        if (source is null)
            return template is null
                ? throw new EngineRequestException("This model has no chat template; use /v1/completions or pass chat_template.", "messages")
                : (template, LoopsOverContent(template.Source));
        (ChatTemplate Template, bool PartsFormat) entry;
        lock (_overrides)
        {
            if (_overrides.TryGetValue(source, out entry)) return entry;
        }
        try
        {
            entry = (ChatTemplate.Parse(source), LoopsOverContent(source));
        }
        catch (ChatTemplateException error)
        {
            throw new EngineRequestException($"chat_template is invalid: {error.Message}", "chat_template");
        }
        lock (_overrides) // requests render concurrently, on the thread pool
        {
            if (_overrides.Count < 16) _overrides[source] = entry;
        }
        return entry;
    }

    private Dictionary<string, object?> ToTemplateMessage(ChatMessage message, int index, bool partsFormat)
    {
        var result = new Dictionary<string, object?> { ["role"] = message.Role };
        if (message.Parts is { } parts)
        {
            var image = Array.FindIndex(parts, p => p.Type != "text");
            if (image >= 0 && imagePlaceholder is null)
                throw new EngineRequestException(
                    $"This model accepts only text content; got a '{parts[image].Type}' part.", $"messages[{index}].content[{image}]", "image_input_not_supported");
            // Templates that loop over parts see images as {"type": "image"}, as HF processors' templates expect; for
            // string content the placeholders go first, one line each, as vLLM does.
            result["content"] = partsFormat
                ? parts.Select(p => (object?)(p.Type == "text"
                    ? new Dictionary<string, object?> { ["type"] = "text", ["text"] = p.Text }
                    : new Dictionary<string, object?> { ["type"] = "image" })).ToList()
                : image < 0 ? TextOf(parts) : string.Join("\n", parts.Where(p => p.Type != "text").Select(_ => imagePlaceholder).Append(TextOf(parts.Where(p => p.Type == "text"))));
        }
        else
        {
            result["content"] = message.Content ?? "";
        }
        if (message.Name is not null) result["name"] = message.Name;
        if (message.ToolCallId is not null) result["tool_call_id"] = message.ToolCallId;
        if (message.ReasoningContent is not null) result["reasoning_content"] = message.ReasoningContent;
        if (message.ToolCalls is { Length: > 0 } calls)
            result["tool_calls"] = calls.Select(c => (object?)new Dictionary<string, object?>
            {
                ["id"] = c.Id,
                ["type"] = c.Type,
                ["function"] = new Dictionary<string, object?> { ["name"] = c.Name, ["arguments"] = ParseArguments(c.Arguments) },
            }).ToList();
        return result;
    }

    // Templates such as Llama 3.1's apply tojson to arguments, so (like vLLM) give them the parsed object.
    private static object? ParseArguments(string arguments)
    {
        try
        {
            return JsonNode.Parse(arguments) is JsonObject parsed ? parsed : arguments;
        }
        catch (System.Text.Json.JsonException)
        {
            return arguments;
        }
    }

    private static string CutAfterFinalMessage(string rendered, ChatMessage[] messages)
    {
        var final = messages.Length == 0 ? "" : messages[^1].Content ?? TextOf(messages[^1].Parts ?? []);
        var at = final.Length == 0 ? -1 : rendered.LastIndexOf(final, StringComparison.Ordinal);
        return at < 0 ? rendered : rendered[..(at + final.Length)];
    }

    /// <summary>Text parts as one string content, joined by newlines.</summary>
    private static string TextOf(IEnumerable<ContentPart> parts) => string.Join("\n", parts.Select(p => p.Text));

    private static bool LoopsOverContent(string source) => ContentLoop().IsMatch(source);

    [GeneratedRegex(@"\{%-?\s*for\s+\w+\s+in\s+[\w\.\[\]'""]*content")]
    private static partial Regex ContentLoop();
}
