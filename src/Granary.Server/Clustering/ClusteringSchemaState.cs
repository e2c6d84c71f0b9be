namespace Granary.Server.Clustering;

/// <summary>What of Orleans' PostgreSQL clustering schema a database holds.</summary>
internal sealed record ClusteringSchemaState(bool HasQueryTable, bool HasMembershipTable, IReadOnlyList<string> MissingQueries)
{
    public bool Complete => HasQueryTable && HasMembershipTable && MissingQueries.Count == 0;

    public string Describe() => !HasQueryTable ? "no OrleansQuery table"
        : !HasMembershipTable ? "no OrleansMembershipTable"
        : $"OrleansQuery lacks {string.Join(", ", MissingQueries)}";
}
