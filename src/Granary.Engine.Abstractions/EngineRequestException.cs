namespace Granary.Engine.Abstractions;

/// <summary>
/// The request cannot be served as given (too long for the context window, a template error...):
/// the client's fault, reported as an OpenAI 400 error with this param and code.
/// </summary>
[GenerateSerializer, Alias("granary.engine-request-exception")]
public sealed class EngineRequestException : Exception
{
    public EngineRequestException(string message, string? param = null, string? code = null) : base(message)
    {
        Param = param;
        Code = code;
    }

    [Id(0)] public string? Param { get; }
    [Id(1)] public string? Code { get; }
}
