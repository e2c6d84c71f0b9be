using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace Granary.Api.Connections;

/// <summary>
/// Connection middleware that passes everything the HTTP/1.1 server writes through
/// <see cref="BareErrorResponse"/>: Kestrel's own parse errors never reach endpoint middleware, so this
/// is the only place their empty bodies can get the OpenAI envelope.
/// </summary>
internal sealed class BareErrorEnvelopeMiddleware(ConnectionDelegate next)
{
    public async Task OnConnectedAsync(ConnectionContext connection)
    {
        var transport = connection.Transport;
        var outbound = new Pipe(new PipeOptions(useSynchronizationContext: false));
        connection.Transport = new Duplex(transport.Input, outbound.Writer);
        var pump = PumpAsync(outbound.Reader, transport.Output);
        try
        {
            await next(connection);
        }
        finally
        {
            await outbound.Writer.CompleteAsync();
            await pump;
            connection.Transport = transport;
        }
    }

    private static async Task PumpAsync(PipeReader reader, PipeWriter output)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                {
                    if (BareErrorResponse.TryRewrite(buffer) is { } rewritten)
                    {
                        output.Write(rewritten);
                    }
                    else
                    {
                        foreach (var segment in buffer) output.Write(segment.Span);
                    }
                }

                reader.AdvanceTo(buffer.End);
                var flush = await output.FlushAsync();
                if (flush.IsCompleted || flush.IsCanceled || result.IsCompleted || result.IsCanceled) break;
            }
            await reader.CompleteAsync();
        }
        catch (Exception ex) when (ex is IOException or ConnectionResetException or ConnectionAbortedException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went away: the server notices through its own reads and the aborted connection.
            await reader.CompleteAsync(ex);
        }
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
