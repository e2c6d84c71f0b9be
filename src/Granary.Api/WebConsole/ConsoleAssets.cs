using System.Reflection;

namespace Granary.Api.WebConsole;

/// <summary>
/// The console's static files, embedded in this assembly (WebConsole/Assets), so the page ships
/// inside granary.dll: a publish folder or a container image needs no wwwroot next to it.
/// </summary>
internal static class ConsoleAssets
{
    private const string Prefix = "Granary.Api.WebConsole.Assets.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public const string Page = "index.html";

    public static IReadOnlyList<ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(name => Read(assembly, name))
            .ToArray();
    }

    private static ConsoleAsset Read(Assembly assembly, string resource)
    {
        var name = resource[Prefix.Length..];
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ConsoleAsset(name, ContentTypes.GetValueOrDefault(Path.GetExtension(name), "application/octet-stream"), copy.ToArray());
    }
}
