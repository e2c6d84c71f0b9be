using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>The value types Render accepts are seen by the template as Python would see the same JSON.</summary>
public sealed class InputConversionTests
{
    private const string Probe = "{{ v }}|{{ v | tojson }}";

    private static string Show(object? value) => TemplateRunner.Render(Probe, new Dictionary<string, object?> { ["v"] = value });

    [Fact]
    public void JsonElementNumbersKeepIntVersusFloat() =>
        Assert.Equal("[1, 1.0, -2, 2.5e-05, 1e+19]|[1, 1.0, -2, 2.5e-05, 1e+19]",
            Show(JsonDocument.Parse("[1, 1.0, -2, 2.5e-5, 1e19]").RootElement));

    [Fact]
    public void JsonNodesOfEveryKind()
    {
        var node = new JsonObject
        {
            ["s"] = "text",
            ["i"] = 3,
            ["d"] = 1.5,
            ["b"] = true,
            ["n"] = null,
            ["a"] = new JsonArray(1, "x"),
            ["parsed"] = JsonNode.Parse("{\"k\": 2.0}"),
        };

        Assert.Equal("{'s': 'text', 'i': 3, 'd': 1.5, 'b': True, 'n': None, 'a': [1, 'x'], 'parsed': {'k': 2.0}}|" +
                     "{\"s\": \"text\", \"i\": 3, \"d\": 1.5, \"b\": true, \"n\": null, \"a\": [1, \"x\"], \"parsed\": {\"k\": 2.0}}", Show(node));
    }

    [Fact]
    public void ClrPrimitives()
    {
        Assert.Equal("[1, 2, 3, 4, 5.5, 0.5, 'c', True, None]|[1, 2, 3, 4, 5.5, 0.5, \"c\", true, null]",
            Show(new object?[] { 1, 2L, (short)3, 4UL, 5.5, 0.5m, 'c', true, null }));
        // Beyond 64-bit ints a ulong becomes a float (Python would keep an exact int).
        Assert.Equal("9223372036854775807 1.8446744073709552e+19",
            TemplateRunner.Render("{{ a }} {{ b }}", new Dictionary<string, object?> { ["a"] = (ulong)long.MaxValue, ["b"] = ulong.MaxValue }));
    }

    [Fact]
    public void DictionariesOfBothInterfacesKeepTheirOrder()
    {
        IReadOnlyDictionary<string, object?> readOnly = new SortedList<string, object?> { ["b"] = 1, ["a"] = 2 };
        var mutable = new Dictionary<string, object?> { ["z"] = "first", ["y"] = "second" };
        var untyped = new Hashtable { ["only"] = 1 };

        Assert.Equal("{'a': 2, 'b': 1}|{\"a\": 2, \"b\": 1}", Show(readOnly));
        Assert.Equal("{'z': 'first', 'y': 'second'}|{\"z\": \"first\", \"y\": \"second\"}", Show(mutable));
        Assert.Equal("{'only': 1}|{\"only\": 1}", Show(untyped));
    }

    [Fact]
    public void EnumerablesBecomeLists() =>
        Assert.Equal("[0, 1, 4]|[0, 1, 4]", Show(Enumerable.Range(0, 3).Select(i => i * i)));

    [Fact]
    public void UnsupportedTypesAreRejected() =>
        Assert.Throws<ArgumentException>(() => Show(new Uri("http://example.com")));

    [Fact]
    public void AbsurdNestingIsRejected()
    {
        object? value = "leaf";
        for (var i = 0; i < 1000; i++)
            value = new List<object?> { value };

        Assert.Throws<ArgumentException>(() => Show(value));
    }
}
