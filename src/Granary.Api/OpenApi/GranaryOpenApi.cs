using Granary.Api.Endpoints;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Granary.Api.OpenApi;

/// <summary>The one OpenAPI document, served at /openapi.json as OpenAI-compatible servers are expected to.</summary>
internal static class GranaryOpenApi
{
    public const string DocumentName = "v1";

    public static void Configure(OpenApiOptions options)
    {
        options.AddSchemaTransformer<WireSchemaTransformer>();
        options.AddOperationTransformer<WireOperationTransformer>();
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Granary",
                Version = VersionEndpoints.Release,
                Description = "OpenAI/NIM/vLLM-compatible inference API. Streamed responses (stream: true) are text/event-stream: "
                    + "one data: line per chunk, then data: [DONE].",
            };
            return Task.CompletedTask;
        });
    }
}
