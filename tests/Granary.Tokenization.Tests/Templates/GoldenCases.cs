using System.Text.Json;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>The cases of a golden file written by golden/make_golden.py (real Jinja2 configured like HF).</summary>
internal sealed class GoldenCases
{
    private static readonly Dictionary<string, GoldenCases> Loaded = [];
    private readonly Dictionary<string, JsonElement> _byName;

    private GoldenCases(string fileName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestFiles.Golden(fileName)));
        var root = document.RootElement.Clone();
        FixedNow = DateTime.Parse(root.GetProperty("fixed_now").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        _byName = root.GetProperty("cases").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
    }

    /// <summary>The clock the generator pinned for strftime_now.</summary>
    public DateTime FixedNow { get; }

    public IEnumerable<string> Names => _byName.Keys;

    public static GoldenCases Load(string fileName)
    {
        lock (Loaded)
        {
            if (!Loaded.TryGetValue(fileName, out var cases))
                Loaded[fileName] = cases = new GoldenCases(fileName);
            return cases;
        }
    }

    public JsonElement this[string name] => _byName[name];

    /// <summary>The case's variables as JsonElements, the way a server would pass parsed request JSON.</summary>
    public static Dictionary<string, object?> Variables(JsonElement goldenCase) =>
        goldenCase.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
}
