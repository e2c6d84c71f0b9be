namespace Granary.Serving.Authentication;

/// <summary>Why a known key is refused: each front end maps it to its own status (403/429, PERMISSION_DENIED/RESOURCE_EXHAUSTED).</summary>
public enum AccessDenialReason
{
    ModelNotAllowed,
    RateLimited,
}
