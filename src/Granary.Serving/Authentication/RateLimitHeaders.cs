using System.Globalization;

namespace Granary.Serving.Authentication;

/// <summary>OpenAI's rate-limit header names and its duration format ("20ms", "1.5s", "6m0s").</summary>
internal static class RateLimitHeaders
{
    public const string LimitRequests = "x-ratelimit-limit-requests";
    public const string RemainingRequests = "x-ratelimit-remaining-requests";
    public const string ResetRequests = "x-ratelimit-reset-requests";
    public const string LimitTokens = "x-ratelimit-limit-tokens";
    public const string RemainingTokens = "x-ratelimit-remaining-tokens";
    public const string ResetTokens = "x-ratelimit-reset-tokens";

    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.FromSeconds(1))
        {
            return $"{(long)Math.Ceiling(duration.TotalMilliseconds)}ms";
        }

        var seconds = Math.Round(duration.TotalSeconds % 60, 3).ToString("0.###", CultureInfo.InvariantCulture);
        return duration < TimeSpan.FromMinutes(1) ? $"{seconds}s" : $"{(long)duration.TotalMinutes}m{seconds}s";
    }
}
