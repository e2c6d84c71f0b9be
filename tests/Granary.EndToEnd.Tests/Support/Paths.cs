using System.Reflection;

namespace Granary.EndToEnd.Tests.Support;

/// <summary>Where the built server and the JavaScript suites are (recorded at build time).</summary>
internal static class Paths
{
    public static string ServerAssembly => Metadata("ServerAssembly");

    public static string Scripts => Metadata("ScriptsDirectory");

    private static string Metadata(string key) =>
        typeof(Paths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
