namespace Granary.Api.Errors;

/// <summary>The error <c>type</c> strings OpenAI clients switch on.</summary>
internal static class ErrorTypes
{
    public const string InvalidRequest = "invalid_request_error";
    public const string InternalServer = "internal_server_error";
    public const string ServiceUnavailable = "service_unavailable_error";
}
