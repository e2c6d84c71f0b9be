using System.Text.Json;
using Granary.Tokenization.Templates;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>
/// The acceptance check: every <c>chat</c> case that HF transformers 5.17 rendered for the real Llama 3.1 and
/// Qwen3 templates must come out byte-identical, from tokenizer_config.json and from the tiny models'
/// chat_template.jinja alike.
/// </summary>
public sealed class HfFixtureChatTests
{
    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (golden, folders) in new[]
                 {
                     ("llama3_1", new[] { "tokenizers/llama3_1", "tiny-llama3" }),
                     ("qwen3", new[] { "tokenizers/qwen3", "tiny-qwen3" }),
                 })
        {
            using var document = JsonDocument.Parse(File.ReadAllText(TestFiles.Fixture("tokenizers", golden + ".golden.json")));
            foreach (var chatCase in document.RootElement.GetProperty("chat").EnumerateArray())
            {
                foreach (var folder in folders)
                    data.Add(golden, folder, chatCase.GetProperty("name").GetString()!);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RendersLikeTransformers(string golden, string modelFolder, string caseName)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(TestFiles.Fixture("tokenizers", golden + ".golden.json")));
        var chatCase = document.RootElement.GetProperty("chat").EnumerateArray()
            .Single(c => c.GetProperty("name").GetString() == caseName);
        var folder = TestFiles.Fixture(modelFolder.Split('/'));
        var source = ChatTemplateSource.Load(folder) ?? throw new InvalidOperationException("no template in " + folder);

        var variables = SpecialTokens(folder);
        variables["messages"] = chatCase.GetProperty("messages");
        variables["tools"] = chatCase.TryGetProperty("tools", out var tools) ? tools : null;
        variables["documents"] = null;
        variables["add_generation_prompt"] = chatCase.GetProperty("add_generation_prompt").GetBoolean();
        if (chatCase.TryGetProperty("chat_template_kwargs", out var kwargs))
        {
            foreach (var property in kwargs.EnumerateObject())
                variables[property.Name] = property.Value;
        }

        var rendered = ChatTemplate.Parse(source).Render(variables);

        Assert.Equal(chatCase.GetProperty("text").GetString(), rendered);
    }

    [Fact]
    public void TheFixturesHaveChatCases() => Assert.True(Cases().Count >= 34);

    /// <summary>HF passes the tokenizer's special tokens (as strings) to the template.</summary>
    private static Dictionary<string, object?> SpecialTokens(string folder)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")));
        var variables = new Dictionary<string, object?>();
        foreach (var name in new[] { "bos_token", "eos_token", "unk_token", "pad_token" })
        {
            if (config.RootElement.TryGetProperty(name, out var token) && token.ValueKind == JsonValueKind.String)
                variables[name] = token.GetString();
        }
        return variables;
    }
}
