namespace Granary.Tokenization.Tests.Templates;

/// <summary>Locates the shared fixtures (copied to the output folder) and this folder's golden data (found in the source tree).</summary>
internal static class TestFiles
{
    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "fixtures", .. parts]);

    /// <summary>A file under Templates/golden, found by walking up from the test binaries to the repository.</summary>
    public static string Golden(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Granary.Tokenization.Tests", "Templates", "golden", fileName);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"golden file {fileName} not found above {AppContext.BaseDirectory}");
    }
}
