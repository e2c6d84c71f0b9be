using System.Text.Json.Nodes;
using Granary.Tokenization.Templates;
using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests.Pipeline;

/// <summary>
/// A Gemma-style tokenizer (tokenizer_class GemmaTokenizer): spaces become "▁" with no dummy prefix,
/// nothing splits the text before BPE, unknown characters fall back to byte tokens, and decoding
/// restores spaces without stripping any. The tokenizer.json deliberately carries a Llama-style
/// pipeline: transformers 5 rebuilds Gemma's from the vocabulary and merges alone.
/// </summary>
public sealed class GemmaTokenizerTests
{
    private const string GemmaTemplate =
        "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}" +
        "{% for message in messages %}{% if (message['role'] == 'user') != (loop.index0 % 2 == 0) %}" +
        "{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}" +
        "{% if (message['role'] == 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{% endif %}" +
        "{{ '<start_of_turn>' + role + '\n' + message['content'] | trim + '<end_of_turn>\n' }}{% endfor %}" +
        "{% if add_generation_prompt %}{{'<start_of_turn>model\n'}}{% endif %}";

    private static readonly string[] Pieces =
        ["▁", "H", "e", "l", "o", "w", "r", "d", "u", "s", "m", "He", "ll", "llo", "Hello", "▁w", "or", "▁wor", "ld", "▁world",
         "us", "er", "user", "mo", "de", "mode", "model"];

    private static readonly string[] Merges =
        ["H e", "l l", "ll o", "He llo", "▁ w", "o r", "▁w or", "l d", "▁wor ld", "u s", "e r", "us er", "m o", "d e", "mo de", "mode l"];

    private static readonly PretrainedTokenizer Tokenizer = Build();

    private static int Id(string piece) => Tokenizer.TokenToId(piece) ?? throw new KeyNotFoundException(piece);

    private static int Byte(int value) => Id($"<0x{value:X2}>");

    [Fact]
    public void Text_gets_no_dummy_prefix_and_is_not_split_before_BPE()
    {
        Assert.Equal([2, Id("Hello"), Id("▁world")], Tokenizer.Encode("Hello world"));
        Assert.Equal([Id("Hello"), Id("▁"), Id("▁world")], Tokenizer.Encode("Hello  world", addSpecialTokens: false));
    }

    [Fact]
    public void Unknown_characters_fall_back_to_their_utf8_bytes_and_decode_back()
    {
        var ids = Tokenizer.Encode("Hi🙂\n", addSpecialTokens: false);

        Assert.Equal([Id("H"), Byte('i'), Byte(0xF0), Byte(0x9F), Byte(0x99), Byte(0x82), Byte('\n')], ids);
        Assert.Equal("Hi🙂\n", Tokenizer.Decode(ids));
    }

    [Fact]
    public void Decoding_keeps_leading_and_repeated_spaces()
    {
        var ids = Tokenizer.Encode(" Hello  world", addSpecialTokens: false);

        Assert.Equal([Id("▁"), Id("Hello"), Id("▁"), Id("▁world")], ids);
        Assert.Equal(" Hello  world", Tokenizer.Decode(ids));
    }

    [Fact]
    public void The_chat_template_renders_model_turns_and_encodes_its_markers_as_single_tokens()
    {
        var variables = new Dictionary<string, object?>
        {
            ["bos_token"] = "<bos>",
            ["messages"] = JsonNode.Parse("""[{"role": "user", "content": " Hello "}, {"role": "assistant", "content": "world"}, {"role": "user", "content": "Hello"}]"""),
            ["add_generation_prompt"] = true,
        };
        var rendered = ChatTemplate.Parse(GemmaTemplate).Render(variables);

        Assert.Equal(
            "<bos><start_of_turn>user\nHello<end_of_turn>\n<start_of_turn>model\nworld<end_of_turn>\n<start_of_turn>user\nHello<end_of_turn>\n<start_of_turn>model\n",
            rendered);
        int start = Id("<start_of_turn>"), end = Id("<end_of_turn>"), newline = Byte('\n');
        int[] expected =
        [
            2, start, Id("user"), newline, Id("Hello"), end, newline,
            start, Id("model"), newline, Id("w"), Id("or"), Id("ld"), end, newline,
            start, Id("user"), newline, Id("Hello"), end, newline,
            start, Id("model"), newline,
        ];
        Assert.Equal(expected, Tokenizer.Encode(rendered, addSpecialTokens: false));
    }

    [Fact]
    public void The_template_refuses_a_system_turn_and_unordered_roles()
    {
        var template = ChatTemplate.Parse(GemmaTemplate);
        Dictionary<string, object?> With(string messages) => new() { ["bos_token"] = "<bos>", ["messages"] = JsonNode.Parse(messages) };

        Assert.Contains("System role not supported",
            Assert.Throws<ChatTemplateException>(() => template.Render(With("""[{"role": "system", "content": "x"}]"""))).Message);
        Assert.Contains("Conversation roles must alternate",
            Assert.Throws<ChatTemplateException>(() => template.Render(With("""[{"role": "assistant", "content": "x"}]"""))).Message);
    }

    private static PretrainedTokenizer Build()
    {
        string[] specials = ["<pad>", "<eos>", "<bos>", "<unk>", "<mask>"];
        var bytes = Enumerable.Range(0, 256).Select(b => $"<0x{b:X2}>");
        var vocabulary = specials.Concat(bytes).Concat(Pieces).Concat(["<start_of_turn>", "<end_of_turn>"]).ToList();
        var json = TokenizerJsonBuilder.Bpe(vocabulary, Merges);
        var added = json["added_tokens"]!.AsArray();
        for (var i = 0; i < specials.Length; i++) added.Add(TokenizerJsonBuilder.AddedToken(i, specials[i]));
        added.Add(TokenizerJsonBuilder.AddedToken(vocabulary.IndexOf("<start_of_turn>"), "<start_of_turn>"));
        added.Add(TokenizerJsonBuilder.AddedToken(vocabulary.IndexOf("<end_of_turn>"), "<end_of_turn>"));
        // What a Llama tokenizer.json would say; GemmaTokenizer must not keep any of it.
        json["normalizer"] = TokenizerJsonBuilder.Node("""{"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"}, {"type": "Replace", "pattern": {"String": " "}, "content": "▁"}]}""");
        json["decoder"] = TokenizerJsonBuilder.Node("""{"type": "Strip", "content": " ", "start": 1, "stop": 0}""");

        var config = new JsonObject
        {
            ["tokenizer_class"] = "GemmaTokenizer",
            ["add_bos_token"] = true,
            ["add_eos_token"] = false,
            ["bos_token"] = "<bos>",
            ["eos_token"] = "<eos>",
            ["pad_token"] = "<pad>",
            ["unk_token"] = "<unk>",
        };
        return PretrainedTokenizer.FromJson(json.ToJsonString(), config.ToJsonString());
    }
}
