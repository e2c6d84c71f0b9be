using System.Diagnostics;
using System.Text.Json;
using Granary.Tokenization.Templates;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>Parse once, render many: a typical chat must render well under a millisecond.</summary>
public sealed class RenderSpeedTests
{
    [Fact]
    public void RenderingTheQwen3ToolConversationTakesWellUnderAMillisecond()
    {
        var template = ChatTemplate.Parse(ChatTemplateSource.Load(TestFiles.Fixture("tiny-qwen3"))!);
        using var golden = JsonDocument.Parse(File.ReadAllText(TestFiles.Fixture("tokenizers", "qwen3.golden.json")));
        var toolTurn = golden.RootElement.GetProperty("chat").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "tool_turn");
        var variables = new Dictionary<string, object?>
        {
            ["messages"] = toolTurn.GetProperty("messages"),
            ["tools"] = toolTurn.GetProperty("tools"),
            ["add_generation_prompt"] = true,
        };
        for (var i = 0; i < 50; i++)
            template.Render(variables);

        const int renders = 500;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < renders; i++)
            template.Render(variables);
        var perRender = watch.Elapsed / renders;

        // Measured around 15 µs in Release; the bound leaves room for Debug builds and busy machines.
        Assert.True(perRender < TimeSpan.FromMilliseconds(1), $"a render took {perRender.TotalMicroseconds:F0} µs on average");
    }
}
