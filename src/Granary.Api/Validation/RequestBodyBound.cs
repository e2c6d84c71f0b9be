using Granary.Engine.Abstractions;
using Granary.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Granary.Api.Validation;

/// <summary>
/// The most bytes a JSON body may have, derived from the longest served context, so that the gateway
/// never buffers and parses what no served model could take (Kestrel's default is a flat 30 MB). The
/// engine still checks each prompt exactly against its own model (its prompt byte bound); this only
/// has to be generous enough never to refuse a prompt that could fit.
/// </summary>
internal static class RequestBodyBound
{
    // Real prompts average ~4 bytes a token; a body needs more than 16× that per token of context before it is refused.
    public const int BytesPerToken = 64;

    // ensure_ascii JSON writers spell a 4-byte code point as a 12-byte surrogate-pair escape.
    public const int JsonEscapeFactor = 3;

    // Room for all that surrounds the prompt: tools, schemas, sampling fields.
    public const long Overhead = 1 << 20;

    public static long Of(IReadOnlyList<ModelCard> models) =>
        (models.Count == 0 ? 0 : models.Max(m => (long)m.MaxModelLength) * BytesPerToken * JsonEscapeFactor) + Overhead;

    /// <summary>Lowers (never raises) the server's body limit for this request; a no-op where the host has none (TestServer).</summary>
    public static async Task ApplyAsync(HttpContext http, IInferenceClient client, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is not { IsReadOnly: false } limit)
        {
            return;
        }

        var bound = Of(await client.ListModelsAsync(ct));
        if (limit.MaxRequestBodySize is null || bound < limit.MaxRequestBodySize)
        {
            limit.MaxRequestBodySize = bound;
        }
    }
}
