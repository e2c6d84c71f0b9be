namespace Granary.Grains.Abstractions;

/// <summary>
/// A replica grain's key: the model it serves, the silo that owns its engine, and its index there,
/// as "model|silo|index". The silo part pins the grain: it may only ever activate on that silo.
/// </summary>
[GenerateSerializer, Immutable, Alias("granary.replica-key")]
public sealed record ReplicaKey(
    [property: Id(0)] string Model,
    [property: Id(1)] string Silo,
    [property: Id(2)] int Index)
{
    private const char Separator = '|';

    public override string ToString() => $"{Model}{Separator}{Silo}{Separator}{Index}";

    public static ReplicaKey Parse(string key)
    {
        var last = key.LastIndexOf(Separator);
        var middle = last > 0 ? key.LastIndexOf(Separator, last - 1) : -1;
        if (middle <= 0 || !int.TryParse(key.AsSpan(last + 1), out var index))
            throw new FormatException($"'{key}' is not a replica key (model|silo|index)");
        return new ReplicaKey(key[..middle], key[(middle + 1)..last], index);
    }
}
