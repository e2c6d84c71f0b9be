using Granary.Structured.Tests.Support;

namespace Granary.Structured.Tests.Json;

/// <summary>A recursive $ref returns to its caller: the inner value's end is not the document's.</summary>
public sealed class RecursiveReferenceTests
{
    private const string Tree = """
        {"$ref":"#/$defs/node","$defs":{"node":{"type":"object","properties":{"value":{"type":"integer","minimum":0,"maximum":99},
         "children":{"type":"array","items":{"$ref":"#/$defs/node"},"maxItems":2}},"required":["value"],"additionalProperties":false}}}
        """;

    [Theory]
    [InlineData("""{"value":50,"children": [{"value":5}""", false)]
    [InlineData("""{"value":50,"children": [{"value":5}]}""", true)]
    [InlineData("""{"value":50,"children": [{"value":5,"children":[{"value":1}]}, {"value":2}]}""", true)]
    public void Inner_nodes_do_not_end_the_document(string text, bool complete)
    {
        var matcher = ByteVocabulary.Feed(Grammar.JsonSchema(Tree), System.Text.Encoding.UTF8.GetBytes(text));
        Assert.NotNull(matcher);
        Assert.Equal(complete, matcher!.IsComplete);
        Assert.Equal(complete, matcher.IsTerminated);
    }
}
