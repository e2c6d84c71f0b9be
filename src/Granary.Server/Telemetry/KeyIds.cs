using System.Security.Cryptography;
using System.Text;

namespace Granary.Server.Telemetry;

/// <summary>A short, stable name for an API key in logs and metrics: a hash prefix, never the key.</summary>
internal static class KeyIds
{
    public static string Of(string authorization)
    {
        const string bearer = "Bearer ";
        if (!authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)) return "none";
        var key = authorization[bearer.Length..].Trim();
        if (key.Length == 0) return "none";
        return "key-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..8];
    }
}
