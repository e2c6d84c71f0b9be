using System.Text.Json.Nodes;

namespace Granary.Api.OpenApi.Requests;

/// <summary>A tool's function: its name, description and JSON Schema parameters.</summary>
internal sealed record FunctionDefinitionBody(string Name, string? Description, JsonObject? Parameters, bool? Strict);
