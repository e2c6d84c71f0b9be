namespace Granary.Api.WebConsole;

/// <summary>One cluster member: its address, name, membership status, Granary role and the models its engines run.</summary>
public sealed record SiloSnapshot(string Address, string Name, string Status, string Role, IReadOnlyList<string> Models);
