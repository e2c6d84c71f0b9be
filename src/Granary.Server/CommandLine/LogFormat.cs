namespace Granary.Server.CommandLine;

/// <summary>The console log format (--log-format).</summary>
internal enum LogFormat
{
    /// <summary>One line per entry, for people.</summary>
    Text,

    /// <summary>One JSON object per line, for log pipelines.</summary>
    Json,
}
