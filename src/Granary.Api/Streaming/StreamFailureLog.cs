using Granary.Api.Errors;
using Microsoft.Extensions.Logging;

namespace Granary.Api.Streaming;

/// <summary>Logs a stream that failed after its 200 was sent: the client only sees an error event.</summary>
internal static partial class StreamFailureLog
{
    public static void Failed(ILogger logger, Exception exception, string requestId)
    {
        if (ExceptionMapper.IsServerFault(exception))
        {
            ServerFault(logger, exception, requestId);
        }
        else
        {
            ClientFault(logger, requestId, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Stream {RequestId} failed midway")]
    private static partial void ServerFault(ILogger logger, Exception exception, string requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream {RequestId} refused midway: {Reason}")]
    private static partial void ClientFault(ILogger logger, string requestId, string reason);
}
