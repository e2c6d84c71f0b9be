using System.Text.Json.Nodes;
using Granary.Tokenization.Templates;
using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests.Pipeline;

/// <summary>
/// Phi-3's tokenizer is Llama 2's (the real tokenizer.json in the fixtures) plus chat markers at ids
/// 32000–32010, declared in tokenizer_config.json with rstrip, so the newline each marker is
/// followed by in the chat template is absorbed into the marker.
/// </summary>
public sealed class Phi3TokenizerTests
{
    private const string Phi3Template =
        "{% for message in messages %}{% if message['role'] == 'system' %}{{'<|system|>\n' + message['content'] + '<|end|>\n'}}" +
        "{% elif message['role'] == 'user' %}{{'<|user|>\n' + message['content'] + '<|end|>\n'}}" +
        "{% elif message['role'] == 'assistant' %}{{'<|assistant|>\n' + message['content'] + '<|end|>\n'}}{% endif %}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|assistant|>\n' }}{% else %}{{ eos_token }}{% endif %}";

    private static readonly PretrainedTokenizer Tokenizer = Build();

    [Fact]
    public void The_markers_are_single_special_tokens_after_the_llama2_vocabulary()
    {
        Assert.Equal(32000, Tokenizer.TokenToId("<|endoftext|>"));
        Assert.Equal(32010, Tokenizer.TokenToId("<|user|>"));
        Assert.Equal(32007, Tokenizer.TokenToId("<|end|>"));
        Assert.Equal(32001, Tokenizer.TokenToId("<|assistant|>"));
        Assert.True(Tokenizer.IsSpecial(32007));
        Assert.Equal(32000, Tokenizer.EosTokenId);
    }

    [Fact]
    public void A_rendered_chat_encodes_each_marker_as_one_id_and_its_newline_is_absorbed()
    {
        var rendered = ChatTemplate.Parse(Phi3Template).Render(new Dictionary<string, object?>
        {
            ["eos_token"] = "<|endoftext|>",
            ["messages"] = JsonNode.Parse("""[{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi there"}]"""),
            ["add_generation_prompt"] = true,
        });
        Assert.Equal("<|system|>\nBe brief.<|end|>\n<|user|>\nHi there<|end|>\n<|assistant|>\n", rendered);

        var ids = Tokenizer.Encode(rendered, addSpecialTokens: false);

        var markers = ids.Where(Tokenizer.IsSpecial).ToArray();
        Assert.Equal([32006, 32007, 32010, 32007, 32001], markers);
        Assert.Equal(32001, ids[^1]); // the trailing newline went into <|assistant|>
        Assert.DoesNotContain(Tokenizer.TokenToId("<0x0A>")!.Value, ids);
        var text = Tokenizer.Decode(ids, skipSpecialTokens: true);
        Assert.Contains("Be brief.", text, StringComparison.Ordinal);
        Assert.Contains("Hi there", text, StringComparison.Ordinal);
    }

    private static PretrainedTokenizer Build()
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Fixtures.Root, "tokenizers", "llama2", "tokenizer_config.json")))!.AsObject();
        var decoder = config["added_tokens_decoder"]!.AsObject();
        string[] markers =
        [
            "<|endoftext|>", "<|assistant|>", "<|placeholder1|>", "<|placeholder2|>", "<|placeholder3|>", "<|placeholder4|>",
            "<|system|>", "<|end|>", "<|placeholder5|>", "<|placeholder6|>", "<|user|>",
        ];
        for (var i = 0; i < markers.Length; i++)
        {
            var token = TokenizerJsonBuilder.AddedToken(32000 + i, markers[i], rstrip: i > 0);
            token.Remove("id");
            decoder[(32000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)] = token;
        }
        config["eos_token"] = "<|endoftext|>";
        config["pad_token"] = "<|endoftext|>";
        config["add_bos_token"] = false;
        config["legacy"] = false;
        return PretrainedTokenizer.FromJson(Fixtures.RealTokenizerJson("llama2"), config.ToJsonString());
    }
}
