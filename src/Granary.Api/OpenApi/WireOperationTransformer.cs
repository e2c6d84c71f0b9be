using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Granary.Api.OpenApi;

/// <summary>
/// Describes what ApiExplorer cannot: the JSON body of endpoints marked <see cref="RequestBody"/>, and
/// the text/event-stream alternative of the 200 answer of endpoints marked <see cref="StreamedAs"/>
/// (ApiExplorer keeps one schema per status).
/// </summary>
internal sealed class WireOperationTransformer : IOpenApiOperationTransformer
{
    private const string Json = "application/json";
    private const string EventStream = "text/event-stream";

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<RequestBody>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [Json] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Body, null, cancellationToken) },
                },
            };
        }

        if (metadata.OfType<StreamedAs>().FirstOrDefault() is { } streamed
            && operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[EventStream] = new OpenApiMediaType { Schema = await context.GetOrCreateSchemaAsync(streamed.Chunk, null, cancellationToken) };
            response.Description = "The whole response, or with stream: true a text/event-stream of data: chunks ending with data: [DONE].";
        }
    }
}
