using System.Text.Json;
using Granary.Tokenization.PostProcessors;

namespace Granary.Tokenization.Tests.PostProcessors;

public sealed class PostProcessorTests
{
    private const string BosTemplate = """
        {"type": "TemplateProcessing",
         "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "</s>", "type_id": 0}}],
         "pair": [],
         "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}, "</s>": {"id": "</s>", "ids": [2], "tokens": ["</s>"]}}}
        """;

    [Fact]
    public void TemplateAddsSpecialTokensAroundTheSequence() =>
        Assert.Equal([1, 10, 11, 2], Processor(BosTemplate).Process([10, 11], addSpecialTokens: true));

    [Fact]
    public void TemplateAddsNothingWithoutSpecialTokens() =>
        Assert.Equal([10, 11], Processor(BosTemplate).Process([10, 11], addSpecialTokens: false));

    [Fact]
    public void SequenceRunsEveryProcessor() =>
        Assert.Equal([1, 10, 2], Processor($$"""{"type": "Sequence", "processors": [{"type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true}, {{BosTemplate}}]}""").Process([10], true));

    [Fact]
    public void RobertaProcessingWrapsInClsAndSep() =>
        Assert.Equal([0, 5, 2], Processor("""{"type": "RobertaProcessing", "sep": ["</s>", 2], "cls": ["<s>", 0], "trim_offsets": true, "add_prefix_space": false}""").Process([5], true));

    [Fact]
    public void UnknownTemplateTokenIsAnError()
    {
        var error = Assert.Throws<TokenizerException>(() => Processor("""{"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<x>", "type_id": 0}}], "special_tokens": {}}"""));
        Assert.Contains("<x>", error.Message, StringComparison.Ordinal);
    }

    private static IPostProcessor Processor(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PostProcessorFactory.FromJson(document.RootElement)!;
    }
}
