using Granary.Server.CommandLine;
using Microsoft.Extensions.Logging.Console;

namespace Granary.Server.Telemetry;

/// <summary>
/// Console logs, one line each: text, or JSON by --log-format json or the standard
/// Logging__Console__FormatterName=json. Noisy categories are cut so a dead worker or a bad
/// request costs a line or two, not a page of stack traces.
/// </summary>
internal static class LoggingHostingExtensions
{
    public static WebApplicationBuilder AddGranaryLogging(this WebApplicationBuilder builder, ServerOptions options)
    {
        var format = options.LogFormat switch
        {
            LogFormat.Json => ConsoleFormatterNames.Json,
            LogFormat.Text => ConsoleFormatterNames.Simple,
            _ => builder.Configuration["Logging:Console:FormatterName"] ?? ConsoleFormatterNames.Simple,
        };
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.FormatterName = format);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
        // AddSimpleConsole/AddJsonConsole each name their formatter; the choice above must win.
        builder.Services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName = format);

        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error); // reports host start-up pauses as contention
        // A dead silo is reported by the routing table and by each request it resumes; these repeat it,
        // each with a stack trace, for every probe, connection, retry and pending call (40-60 KB per death).
        builder.Logging.AddFilter("Polly", LogLevel.None); // Orleans placement's retries
        foreach (var noisy in (string[])["Orleans.Messaging", "Orleans.Runtime.Messaging", "Orleans.Runtime.CallbackData",
                     "Orleans.Runtime.AsyncEnumerableRequest", "Orleans.Runtime.MembershipService.SiloHealthMonitor"])
            builder.Logging.AddFilter(noisy, LogLevel.Critical);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // "Hosting failed to start" repeats, with a stack trace, the error Program prints as one line.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        return builder;
    }
}
