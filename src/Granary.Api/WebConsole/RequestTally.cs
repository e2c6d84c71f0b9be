using Granary.Api.Generation;
using Granary.Serving.Generation;
using Microsoft.AspNetCore.Http;

namespace Granary.Api.WebConsole;

/// <summary>
/// What a generation endpoint tells the request log about the request it serves (a request feature):
/// the model, whether it streams, and its token tally, read once the response is done. Both calls
/// are no-ops where nothing logs requests.
/// </summary>
internal sealed class RequestTally
{
    public string? Model { get; private set; }

    public bool Stream { get; private set; }

    public TokenTally? Tokens { get; private set; }

    /// <summary>Once the request is read, so a request refused later (unknown model, too long) is still listed by model.</summary>
    public static void Describe(HttpContext http, string model, bool stream)
    {
        if (http.Features.Get<RequestTally>() is not { } tally) return;
        tally.Model = model;
        tally.Stream = stream;
    }

    /// <summary>Once the generation started.</summary>
    public static void Count(HttpContext http, StartedGeneration generation)
    {
        if (http.Features.Get<RequestTally>() is { } tally) tally.Tokens = generation.Tally;
    }
}
