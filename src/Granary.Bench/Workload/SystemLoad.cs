using System.Globalization;

namespace Granary.Bench.Workload;

/// <summary>
/// The machine's 1-minute load average (Linux /proc/loadavg), recorded before each run so that a
/// reader can tell a quiet machine from one where something else competed for the cores.
/// </summary>
internal static class SystemLoad
{
    public static double? OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ', 2)[0];
            return double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var load) ? load : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
