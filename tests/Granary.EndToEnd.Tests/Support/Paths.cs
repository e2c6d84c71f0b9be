using System.Reflection;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>Where the built server, the bench tool and the JavaScript suites are (recorded at build time).</summary>
internal static class Paths
{
    public static string ServerAssembly => Metadata("ServerAssembly");

    public static string Scripts => Metadata("ScriptsDirectory");

    public static string BenchAssembly => Metadata("BenchAssembly");

    /// <summary>The bundled tiny-llama3 folder, next to the server.</summary>
    public static string BundledModel => Path.Combine(Path.GetDirectoryName(ServerAssembly)!, "models", "tiny-llama3");

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
