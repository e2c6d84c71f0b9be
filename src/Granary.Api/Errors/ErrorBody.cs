namespace Granary.Api.Errors;

/// <summary>The inside of OpenAI's error envelope; every field is always written, nulls included.</summary>
internal sealed record ErrorBody(string Message, string Type, string? Param, string? Code);
