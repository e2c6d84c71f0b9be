using System.Security.Cryptography;

namespace Granary.Api.WebConsole;

/// <summary>One file of the console, read once from the assembly, with the ETag its bytes hash to.</summary>
internal sealed record ConsoleAsset(string Name, string ContentType, byte[] Content)
{
    public string ETag { get; } = $"\"{Convert.ToHexStringLower(SHA256.HashData(Content))[..16]}\"";
}
