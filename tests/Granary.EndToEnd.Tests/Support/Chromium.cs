namespace Granary.EndToEnd.Tests.Support;

/// <summary>The system's Chromium (Debian's apt package, which test.sh installs); playwright-core never downloads one.</summary>
internal static class Chromium
{
    private static readonly string[] Names = ["chromium", "chromium-browser"];

    public static string Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(directory => Names.Select(name => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);
        Assert.True(path is not null, "chromium is not on PATH: install it (apt-get install chromium), as test.sh does");
        return path!;
    }
}
