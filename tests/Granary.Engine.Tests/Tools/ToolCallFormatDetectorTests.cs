using System.Text.Json.Nodes;
using Granary.Engine.Tests.Support;
using Granary.Engine.Tools;

namespace Granary.Engine.Tests.Tools;

/// <summary>Format detection on the real templates in the fixtures and on Llama 3.1-style and Qwen3-Coder templates.</summary>
public sealed class ToolCallFormatDetectorTests
{
    [Theory]
    [InlineData("tokenizers/qwen3/tokenizer_config.json", "hermes")]
    [InlineData("tokenizers/llama3_1/tokenizer_config.json", null)] // the plain Llama 3 template: no tool support
    [InlineData("tokenizers/llama2/tokenizer_config.json", null)] // no template at all
    public void Detects_the_format_of_the_fixture_tokenizer_templates(string config, string? expected)
    {
        var template = (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.Root, config)))!["chat_template"];

        Assert.Equal(expected, ToolCallFormatDetector.Detect(template)?.Name);
    }

    [Theory]
    [InlineData("tiny-qwen3", "hermes")]
    [InlineData("tiny-llama3", null)]
    public void Detects_the_format_of_the_fixture_models_templates(string model, string? expected)
    {
        var template = File.ReadAllText(Path.Combine(Fixtures.Model(model), "chat_template.jinja"));

        Assert.Equal(expected, ToolCallFormatDetector.Detect(template)?.Name);
    }

    [Fact]
    public void A_Llama_3_1_style_template_is_llama3_json_and_Qwen3_Coder_xml_is_unsupported()
    {
        Assert.Equal("llama3_json", ToolCallFormatDetector.Detect(ToolTemplates.Llama31Json)?.Name);
        Assert.Equal("llama3_json", ToolCallFormatDetector.Detect("{{ '<|python_tag|>' }}")?.Name);
        Assert.Null(ToolCallFormatDetector.Detect(ToolTemplates.QwenCoderXml));
        Assert.Null(ToolCallFormatDetector.Detect("[AVAILABLE_TOOLS] {{ tools }} [TOOL_CALLS]"));
        Assert.Null(ToolCallFormatDetector.Detect(""));
    }

    [Fact]
    public void The_setting_overrides_detection_and_a_request_template_is_detected_on_its_own()
    {
        var qwen = File.ReadAllText(Path.Combine(Fixtures.Model("tiny-qwen3"), "chat_template.jinja"));

        var auto = new ToolCallFormatResolver("auto", qwen);
        Assert.Same(ToolCallFormat.Hermes, auto.Resolve(requestTemplate: null));
        Assert.Same(ToolCallFormat.Llama3Json, auto.Resolve(ToolTemplates.Llama31Json));
        Assert.Null(auto.Resolve("{{ messages }}"));

        var forced = new ToolCallFormatResolver("llama3_json", qwen);
        Assert.Same(ToolCallFormat.Llama3Json, forced.Resolve(null));
        Assert.Same(ToolCallFormat.Llama3Json, forced.Resolve("{{ messages }}"));
        Assert.Null(new ToolCallFormatResolver("none", qwen).Resolve(null));
        Assert.Throws<ArgumentException>(() => new ToolCallFormatResolver("pythonic", qwen));
    }
}
