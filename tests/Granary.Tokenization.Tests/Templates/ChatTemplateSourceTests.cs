using Granary.Tokenization.Templates;

namespace Granary.Tokenization.Tests.Templates;

/// <summary>ChatTemplateSource finds a model folder's template where transformers 5 looks, in the same order.</summary>
public sealed class ChatTemplateSourceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("granary-template-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    [Fact]
    public void ReadsTheRealFixtures()
    {
        var fromConfig = ChatTemplateSource.Load(TestFiles.Fixture("tokenizers", "qwen3"));
        var fromJinja = ChatTemplateSource.Load(TestFiles.Fixture("tiny-qwen3"));

        Assert.NotNull(fromConfig);
        Assert.StartsWith("{%- if tools %}", fromConfig);
        Assert.Equal(fromConfig.TrimEnd('\n'), fromJinja!.TrimEnd('\n'));
    }

    [Fact]
    public void AFolderWithoutTemplateGivesNull()
    {
        Assert.Null(ChatTemplateSource.Load(TestFiles.Fixture("tokenizers", "llama2")));
        Assert.Null(ChatTemplateSource.Load(_folder));
    }

    [Fact]
    public void ChatTemplateJinjaWinsOverTheConfig()
    {
        Write("tokenizer_config.json", "{\"chat_template\": \"from config\"}");
        Write("chat_template.json", "{\"chat_template\": \"from json\"}");
        Write("chat_template.jinja", "from jinja file");

        Assert.Equal("from jinja file", ChatTemplateSource.Load(_folder));
    }

    [Fact]
    public void ChatTemplateJsonWinsOverTheTokenizerConfig()
    {
        Write("tokenizer_config.json", "{\"chat_template\": \"from config\"}");
        Write("chat_template.json", "{\"chat_template\": \"from json\"}");

        Assert.Equal("from json", ChatTemplateSource.Load(_folder));
    }

    [Fact]
    public void NamedTemplatesInTheConfigDefaultToDefault()
    {
        Write("tokenizer_config.json", "{\"chat_template\": [{\"name\": \"default\", \"template\": \"D\"}, {\"name\": \"tool_use\", \"template\": \"T\"}, {\"name\": \"rag\", \"template\": \"R\"}]}");

        Assert.Equal("D", ChatTemplateSource.Load(_folder));
        Assert.Equal("T", ChatTemplateSource.Load(_folder, "tool_use"));
        var error = Assert.Throws<ArgumentException>(() => ChatTemplateSource.Load(_folder, "nope"));
        Assert.Contains("no chat template named 'nope'; available: 'default', 'rag', 'tool_use'", error.Message);
    }

    [Fact]
    public void SeveralTemplatesWithoutADefaultNeedAName()
    {
        Write("tokenizer_config.json", "{\"chat_template\": [{\"name\": \"a\", \"template\": \"A\"}, {\"name\": \"b\", \"template\": \"B\"}]}");

        Assert.Contains("none is named 'default'; available: 'a', 'b'", Assert.Throws<ArgumentException>(() => ChatTemplateSource.Load(_folder)).Message);
        Assert.Equal("B", ChatTemplateSource.Load(_folder, "b"));
    }

    [Fact]
    public void AdditionalJinjaTemplatesAreNamedByFile()
    {
        Write("chat_template.jinja", "main");
        Write(Path.Combine("additional_chat_templates", "tool_use.jinja"), "tools");

        Assert.Equal("main", ChatTemplateSource.Load(_folder));
        Assert.Equal("tools", ChatTemplateSource.Load(_folder, "tool_use"));
    }

    [Fact]
    public void ANullTemplateInTheConfigMeansNone()
    {
        Write("tokenizer_config.json", "{\"chat_template\": null, \"bos_token\": \"<s>\"}");

        Assert.Null(ChatTemplateSource.Load(_folder));
    }
}
