using Microsoft.Extensions.Logging;

namespace Granary.Grpc.Errors;

internal static partial class CallFailureLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "gRPC call {Method} failed")]
    public static partial void Failed(ILogger logger, Exception exception, string method);
}
