using System.Text.Json;
using Granary.Api.Errors;
using Granary.Engine.Abstractions;

namespace Granary.Api.Validation;

/// <summary>
/// Checks the shape of tools and tool_choice. Tools reach the chat template; tool_choice must name a
/// function among them.
/// </summary>
internal static class ToolFieldsReader
{
    /// <returns>The tools array as JSON for the template, and the function names it declares.</returns>
    public static (string? Json, string[] Names) ReadTools(JsonObjectReader body)
    {
        var tools = body.Array("tools");
        if (tools is null)
        {
            return (null, []);
        }

        var names = new List<string>();
        var i = 0;
        foreach (var item in tools.Value.EnumerateArray())
        {
            var tool = new JsonObjectReader(item, $"tools[{i++}]");
            var type = tool.RequiredString("type");
            if (type != "function")
            {
                throw RequestErrors.InvalidValue(tool.ParamOf("type"), $"'{type}'. Supported values are: 'function'.");
            }

            var function = tool.Object("function") ?? throw RequestErrors.Missing(tool.ParamOf("function"));
            var name = function.RequiredString("name");
            if (name.Length == 0)
            {
                throw RequestErrors.InvalidValue(function.ParamOf("name"), "function names must not be empty.");
            }

            function.String("description");
            function.Object("parameters");
            function.Boolean("strict");
            names.Add(name);
        }

        return (tools.Value.GetRawText(), names.ToArray());
    }

    public static ToolChoice? ReadToolChoice(JsonObjectReader body, string[] toolNames)
    {
        var value = body.Value("tool_choice");
        if (value is null)
        {
            return null;
        }

        var choice = Parse(value.Value);
        if (toolNames.Length == 0 && choice.Mode != ToolChoiceMode.None)
        {
            throw RequestErrors.InvalidValue("tool_choice", "'tool_choice' is only allowed when 'tools' are specified.");
        }

        if (choice.FunctionName is not null && !toolNames.Contains(choice.FunctionName))
        {
            throw RequestErrors.InvalidValue("tool_choice", $"the function '{choice.FunctionName}' is not among the request's tools.");
        }

        return choice;
    }

    private static ToolChoice Parse(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString() switch
            {
                "none" => ToolChoice.None,
                "auto" => ToolChoice.Auto,
                "required" => ToolChoice.Required,
                var mode => throw RequestErrors.InvalidValue("tool_choice", $"'{mode}'. Supported values are: 'none', 'auto', 'required'."),
            };
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw RequestErrors.InvalidType("tool_choice", "a string or an object", JsonKinds.Describe(value));
        }

        var named = new JsonObjectReader(value, "tool_choice");
        var type = named.RequiredString("type");
        if (type != "function")
        {
            throw RequestErrors.InvalidValue("tool_choice.type", $"'{type}'. Supported values are: 'function'.");
        }

        var function = named.Object("function") ?? throw RequestErrors.Missing("tool_choice.function");
        var name = function.RequiredString("name");
        function.RejectUnread();
        named.RejectUnread();
        return new ToolChoice { Mode = ToolChoiceMode.Named, FunctionName = name };
    }
}
