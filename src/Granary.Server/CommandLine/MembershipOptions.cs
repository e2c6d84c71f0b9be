namespace Granary.Server.CommandLine;

/// <summary>How this silo finds and joins the others: the membership store and its own endpoints.</summary>
internal sealed class MembershipOptions
{
    public ClusteringKind Kind { get; set; } = ClusteringKind.Localhost;

    /// <summary>Redis or database connection string (redis and adonet).</summary>
    public string? Connection { get; set; }

    public string AdoNetInvariant { get; set; } = "Npgsql";

    /// <summary>With adonet (Npgsql): create Orleans' clustering schema at start-up when the database lacks it.</summary>
    public bool CreateSchema { get; set; }

    public bool Kubernetes { get; set; }

    public string ClusterId { get; set; } = "granary";

    public string ServiceId { get; set; } = "granary";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string? PrimarySilo { get; set; }

    public string? AdvertiseAddress { get; set; }
}
