using System.Text.Json;
using Granary.Api.Errors;
using Granary.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Granary.Api.Validation;

/// <summary>
/// Reads a request body as one JSON object, answering non-JSON with 415, bad JSON with 400 and a body
/// above <see cref="RequestBodyBound"/> with 413.
/// </summary>
internal static class JsonBodyReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    public static async Task<JsonDocument> ReadAsync(HttpRequest request, IInferenceClient client, CancellationToken ct)
    {
        // A missing Content-Type is read as JSON anyway: only a declared other type is refused.
        if (request.ContentType is { Length: > 0 } contentType && !IsJson(contentType))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType,
                $"Unsupported content type '{contentType}'. Send the request body as application/json.",
                code: "unsupported_media_type");
        }

        await RequestBodyBound.ApplyAsync(request.HttpContext, client, ct);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, DocumentOptions, ct);
        }
        catch (JsonException)
        {
            throw RequestErrors.InvalidJson();
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw RequestErrors.NotAnObject();
        }

        try
        {
            JsonTextCheck.Validate(document.RootElement);
        }
        catch
        {
            document.Dispose();
            throw;
        }

        return document;
    }

    private static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
        && (mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
