using Granary.Grpc.Errors;
using Grpc.Core;

namespace Granary.Grpc.Tests.Infrastructure;

internal static class RpcAssert
{
    /// <summary>Checks the status and the param/code trailers of a failed call; returns the detail message.</summary>
    public static async Task<string> FailsAsync(Func<Task> call, StatusCode status, string? param, string? code)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(param, error.Trailers.GetValue(ErrorTrailers.Param));
        Assert.Equal(code, error.Trailers.GetValue(ErrorTrailers.Code));
        Assert.False(string.IsNullOrWhiteSpace(error.Status.Detail));
        return error.Status.Detail;
    }
}
