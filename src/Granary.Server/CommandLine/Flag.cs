namespace Granary.Server.CommandLine;

/// <summary>
/// One command-line flag: the configuration key it sets (<c>Section:Property</c> of <see cref="ServerOptions"/>) and
/// the environment variable that sets the same key (GRANARY_ and the flag's name, unless named otherwise).
/// </summary>
/// <param name="Convert">Turns the flag's (or its variable's) text into the value the key takes, e.g. "2GiB" into bytes.</param>
internal sealed record Flag(string Name, string Key, string Description, FlagKind Kind = FlagKind.Value, Func<string, string>? Convert = null, string? Env = null)
{
    public string EnvironmentVariable => Env ?? "GRANARY_" + Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();
}
