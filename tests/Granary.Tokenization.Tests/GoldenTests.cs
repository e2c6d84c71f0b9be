using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests;

/// <summary>The acceptance goldens: 24 hard strings per real tokenizer, ids and decodes as transformers 5.17 gives them.</summary>
public sealed class GoldenTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in Fixtures.RealTokenizers)
        {
            using var golden = Fixtures.Golden(name);
            var count = golden.RootElement.GetProperty("cases").GetArrayLength();
            for (var i = 0; i < count; i++)
            {
                data.Add(name, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodesWithoutSpecialTokens(string tokenizer, int index)
    {
        var (text, golden) = Case(tokenizer, index);
        Assert.Equal(Fixtures.Ints(golden.GetProperty("ids")), Fixtures.Real(tokenizer).Encode(text, addSpecialTokens: false));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EncodesWithSpecialTokens(string tokenizer, int index)
    {
        var (text, golden) = Case(tokenizer, index);
        Assert.Equal(Fixtures.Ints(golden.GetProperty("ids_with_special")), Fixtures.Real(tokenizer).Encode(text));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decodes(string tokenizer, int index)
    {
        var (_, golden) = Case(tokenizer, index);
        var ids = Fixtures.Ints(golden.GetProperty("ids"));
        Assert.Equal(golden.GetProperty("decoded").GetString(), Fixtures.Real(tokenizer).Decode(ids));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DecodesSkippingSpecialTokens(string tokenizer, int index)
    {
        var (_, golden) = Case(tokenizer, index);
        var ids = Fixtures.Ints(golden.GetProperty("ids"));
        Assert.Equal(golden.GetProperty("decoded_skip_special").GetString(), Fixtures.Real(tokenizer).Decode(ids, skipSpecialTokens: true));
    }

    private static (string Text, System.Text.Json.JsonElement Golden) Case(string tokenizer, int index)
    {
        using var document = Fixtures.Golden(tokenizer);
        var golden = document.RootElement.GetProperty("cases")[index].Clone();
        return (golden.GetProperty("text").GetString()!, golden);
    }
}
