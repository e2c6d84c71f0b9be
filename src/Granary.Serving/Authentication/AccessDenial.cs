namespace Granary.Serving.Authentication;

/// <summary>
/// A refusal worded once for both front ends: the message, OpenAI's error <c>type</c> and <c>code</c>,
/// the offending parameter, and when a retry can succeed (null: it cannot, or the limit is not the reason).
/// </summary>
public sealed record AccessDenial(AccessDenialReason Reason, string Message, string Type, string Code, string? Param, TimeSpan? RetryAfter)
{
    /// <summary>Whole seconds, rounded up, as the Retry-After header wants them.</summary>
    public int? RetryAfterSeconds => RetryAfter is { } wait ? (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds)) : null;
}
