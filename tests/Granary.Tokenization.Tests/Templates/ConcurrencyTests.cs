using System.Text.Json;
using Granary.Tokenization.Templates;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>A parsed template is immutable: one instance serves concurrent renders.</summary>
public sealed class ConcurrencyTests
{
    [Fact]
    public void ParallelRendersOfOneTemplateAgree()
    {
        var template = ChatTemplate.Parse(ChatTemplateSource.Load(TestFiles.Fixture("tiny-qwen3"))!);
        using var golden = JsonDocument.Parse(File.ReadAllText(TestFiles.Fixture("tokenizers", "qwen3.golden.json")));
        var cases = golden.RootElement.GetProperty("chat").EnumerateArray().ToArray();

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var chatCase = cases[i % cases.Length];
            var variables = new Dictionary<string, object?>
            {
                ["messages"] = chatCase.GetProperty("messages"),
                ["tools"] = chatCase.TryGetProperty("tools", out var tools) ? tools : null,
                ["add_generation_prompt"] = chatCase.GetProperty("add_generation_prompt").GetBoolean(),
                ["eos_token"] = "<|im_end|>",
            };
            if (chatCase.TryGetProperty("chat_template_kwargs", out var kwargs))
            {
                foreach (var property in kwargs.EnumerateObject())
                    variables[property.Name] = property.Value;
            }
            Assert.Equal(chatCase.GetProperty("text").GetString(), template.Render(variables));
        });
    }
}
