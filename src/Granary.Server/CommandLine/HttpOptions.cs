namespace Granary.Server.CommandLine;

/// <summary>Where the public API listens.</summary>
internal sealed class HttpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 8000;

    /// <summary>HTTP/2 port for the gRPC API (granary.v1, grpc.health.v1); 0 turns it off.</summary>
    public int GrpcPort { get; set; } = 8001;
}
