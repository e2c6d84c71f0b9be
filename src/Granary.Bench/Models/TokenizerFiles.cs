using System.IO.Compression;

namespace Granary.Bench.Models;

/// <summary>
/// Brings a tokenizer into a model folder from a folder or a single file: tokenizer.json as it is,
/// or tokenizer.json.gz (as the test fixtures keep them) decompressed.
/// </summary>
internal static class TokenizerFiles
{
    public const string TokenizerJson = "tokenizer.json";

    /// <summary>Completes what RandomModel.Write copied from a folder, or copies a single file; returns the files now in <paramref name="modelFolder"/>.</summary>
    public static IReadOnlyList<string> Complete(string source, string modelFolder)
    {
        var target = Path.Combine(modelFolder, TokenizerJson);
        if (File.Exists(source))
        {
            CopyOrInflate(source, target);
        }
        else if (Directory.Exists(source))
        {
            var compressed = Path.Combine(source, TokenizerJson + ".gz");
            if (!File.Exists(Path.Combine(source, TokenizerJson)) && File.Exists(compressed)) CopyOrInflate(compressed, target);
        }
        else
        {
            throw new BenchException($"--tokenizer-from: {source} does not exist");
        }

        if (!File.Exists(target))
            throw new BenchException($"--tokenizer-from: no {TokenizerJson} or {TokenizerJson}.gz in {source}");
        return Directory.GetFiles(modelFolder).Select(Path.GetFileName).Where(n => n!.StartsWith("tokenizer", StringComparison.Ordinal) || n == "chat_template.jinja" || n == "special_tokens_map.json").Order().ToArray()!;
    }

    private static void CopyOrInflate(string source, string target)
    {
        if (source.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var input = new GZipStream(File.OpenRead(source), CompressionMode.Decompress);
            using var output = File.Create(target);
            input.CopyTo(output);
        }
        else if (Path.GetFileName(source) == TokenizerJson)
        {
            File.Copy(source, target, overwrite: true);
        }
        else
        {
            throw new BenchException($"--tokenizer-from: {source} is neither {TokenizerJson} nor {TokenizerJson}.gz");
        }
    }
}
