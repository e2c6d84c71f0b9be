namespace Granary.Api.OpenApi.Requests;

/// <summary>One entry of <c>tools</c>: <c>{"type":"function","function":{…}}</c>.</summary>
internal sealed record ToolBody(string Type, FunctionDefinitionBody Function);
