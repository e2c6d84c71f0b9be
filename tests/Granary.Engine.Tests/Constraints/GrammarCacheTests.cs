using Granary.Engine.Abstractions;
using Granary.Engine.Constraints;
using Granary.Structured;

namespace Granary.Engine.Tests.Constraints;

public sealed class GrammarCacheTests
{
    private static GenerationRequest Request(StructuredOutput structure) =>
        new() { RequestId = "r", Prompt = PromptInput.FromText("x"), Structure = structure };

    private static StructuredOutput Schema(string json) => new() { Kind = StructuredOutputKind.JsonSchema, Schema = json };

    [Fact]
    public void A_schema_that_comes_back_reuses_its_compiled_grammar()
    {
        var cache = new GrammarCache(8);
        var first = RequestGrammar.For(Request(Schema("""{"type":"integer"}""")), null, cache);
        var again = RequestGrammar.For(Request(Schema("""{"type":"integer"}""")), null, cache);
        var other = RequestGrammar.For(Request(Schema("""{"type":"string"}""")), null, cache);
        var regex = RequestGrammar.For(Request(new StructuredOutput { Kind = StructuredOutputKind.Regex, Pattern = """{"type":"integer"}""" }), null, cache);

        Assert.Same(first, again);
        Assert.NotSame(first, other);
        Assert.NotSame(first, regex); // same text, other kind
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void The_least_recently_used_grammar_goes_first()
    {
        var cache = new GrammarCache(2);
        var compiled = 0;
        Grammar Compile() { compiled++; return Grammar.AnyJsonObject(); }

        var a = cache.GetOrAdd("a", Compile);
        cache.GetOrAdd("b", Compile);
        Assert.Same(a, cache.GetOrAdd("a", Compile)); // a is now the most recent
        cache.GetOrAdd("c", Compile);                  // evicts b
        Assert.Same(a, cache.GetOrAdd("a", Compile));
        cache.GetOrAdd("b", Compile);

        Assert.Equal(4, compiled);
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void A_schema_that_fails_to_compile_fails_every_time()
    {
        var cache = new GrammarCache(8);
        var bad = Request(Schema("""{"type":"string","format":"no-such-format"}"""));
        Assert.Throws<EngineRequestException>(() => RequestGrammar.For(bad, null, cache));
        Assert.Throws<EngineRequestException>(() => RequestGrammar.For(bad, null, cache));
        Assert.Equal(0, cache.Count);
    }
}
