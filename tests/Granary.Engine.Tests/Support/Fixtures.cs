using System.Text.Json.Nodes;

namespace Granary.Engine.Tests.Support;

/// <summary>Paths to, and readers of, the HF reference data copied into tests/fixtures.</summary>
internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string Model(string name) => Path.Combine(Root, name);

    public static IReadOnlyList<GoldenCase> Golden(string model)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Model(model), "golden.json")))!;
        return root["cases"]!.AsArray().Select((c, i) => new GoldenCase(
            i,
            c!["prompt"]!.GetValue<string>(),
            Ints(c["ids"]!),
            Ints(c["greedy_24"]!),
            c["argmax_last"]!.GetValue<int>(),
            Ints(c["top5_last"]!))).ToArray();
    }

    private static int[] Ints(JsonNode node) => node.AsArray().Select(n => n!.GetValue<int>()).ToArray();
}

internal sealed record GoldenCase(int Index, string Prompt, int[] Ids, int[] Greedy24, int ArgmaxLast, int[] Top5Last);
