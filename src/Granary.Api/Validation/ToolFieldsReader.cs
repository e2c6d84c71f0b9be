using System.Text.Json;
using Granary.Api.Errors;
using Granary.Api.Protocol;

namespace Granary.Api.Validation;

/// <summary>
/// Checks the shape of tools, tool_choice and response_format. Tools reach the chat template; forced
/// tool calls and constrained formats are refused until structured outputs land.
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
        if (toolNames.Length == 0 && choice.Mode != ToolChoice.None)
        {
            throw RequestErrors.InvalidValue("tool_choice", "'tool_choice' is only allowed when 'tools' are specified.");
        }

        if (choice.FunctionName is not null && !toolNames.Contains(choice.FunctionName))
        {
            throw RequestErrors.InvalidValue("tool_choice", $"the function '{choice.FunctionName}' is not among the request's tools.");
        }

        if (choice.Mode is ToolChoice.Required or ToolChoice.Function)
        {
            throw RequestErrors.NotSupported("tool_choice", $"Forcing tool calls (tool_choice '{choice.Mode}')");
        }

        return choice;
    }

    public static ResponseFormat? ReadResponseFormat(JsonObjectReader body)
    {
        var format = body.Object("response_format");
        if (format is null)
        {
            return null;
        }

        var type = format.RequiredString("type");
        switch (type)
        {
            case ResponseFormat.Text or ResponseFormat.JsonObject:
                return new ResponseFormat(type);
            case ResponseFormat.JsonSchema:
                var schema = format.Object("json_schema") ?? throw RequestErrors.Missing(format.ParamOf("json_schema"));
                var name = schema.RequiredString("name");
                schema.String("description");
                var schemaValue = schema.Value("schema");
                if (schemaValue is { ValueKind: not JsonValueKind.Object })
                {
                    throw RequestErrors.InvalidType(schema.ParamOf("schema"), "an object", JsonKinds.Describe(schemaValue.Value));
                }

                return new ResponseFormat(type, name, schemaValue?.GetRawText(), schema.Boolean("strict") ?? false);
            default:
                throw RequestErrors.InvalidValue(format.ParamOf("type"),
                    $"'{type}'. Supported values are: 'text', 'json_object', and 'json_schema'.");
        }
    }

    private static ToolChoice Parse(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var mode = value.GetString();
            return mode is ToolChoice.None or ToolChoice.Auto or ToolChoice.Required
                ? new ToolChoice(mode)
                : throw RequestErrors.InvalidValue("tool_choice", $"'{mode}'. Supported values are: 'none', 'auto', 'required'.");
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
        return new ToolChoice(ToolChoice.Function, function.RequiredString("name"));
    }
}
