namespace Granary.Api.Protocol;

/// <summary>NIM's health answer.</summary>
internal sealed record HealthResponse(string Message)
{
    public string Object => "health.response";
}
