namespace Granary.Api.Images;

/// <summary>Whether, and within what limits, the server fetches http(s) image URLs (data: URLs need none of this).</summary>
public sealed class ImageUrlOptions
{
    /// <summary>--allow-image-urls: fetch http(s) image URLs; off by default, as fetching is a request made on the client's behalf.</summary>
    public bool AllowFetch { get; set; }

    /// <summary>--allow-private-image-urls: also fetch from loopback, private, link-local and other non-public addresses.</summary>
    public bool AllowPrivateAddresses { get; set; }

    public long MaxBytes { get; set; } = 20L << 20;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public int MaxRedirects { get; set; } = 3;
}
