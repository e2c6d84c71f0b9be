using Granary.Api.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Granary.Api;

/// <summary>Kestrel-level concerns of the HTTP front end, applied to the port the API listens on.</summary>
public static class GranaryApiListenOptionsExtensions
{
    /// <summary>
    /// Gives the errors Kestrel answers before any middleware runs (unparsable request line, URL or
    /// headers: <c>GET /v1/models/%00</c>) the OpenAI error envelope instead of an empty body.
    /// </summary>
    public static ListenOptions UseGranaryApiErrors(this ListenOptions listen)
    {
        listen.Use(next => new BareErrorEnvelopeMiddleware(next).OnConnectedAsync);
        return listen;
    }
}
