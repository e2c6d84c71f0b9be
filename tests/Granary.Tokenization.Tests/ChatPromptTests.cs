using Granary.Tokenization.Tests.Support;

namespace Granary.Tokenization.Tests;

/// <summary>The rendered chat templates of the goldens: special tokens come out as single ids and text round-trips.</summary>
public sealed class ChatPromptTests
{
    public static TheoryData<string, int> Chats()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in new[] { "llama3_1", "qwen3" })
        {
            using var golden = Fixtures.Golden(name);
            for (var i = 0; i < golden.RootElement.GetProperty("chat").GetArrayLength(); i++)
            {
                data.Add(name, i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Chats))]
    public void RenderedChatEncodesSpecialTokensAsSingleIdsAndRoundTrips(string name, int index)
    {
        using var golden = Fixtures.Golden(name);
        var text = golden.RootElement.GetProperty("chat")[index].GetProperty("text").GetString()!;
        var tokenizer = Fixtures.Real(name);
        var ids = tokenizer.Encode(text, addSpecialTokens: false);

        Assert.Equal(text, tokenizer.Decode(ids));
        var specialsInText = tokenizer.SpecialTokenIds.Sum(id => CountOccurrences(text, tokenizer.IdToToken(id)!));
        Assert.Equal(specialsInText, ids.Count(tokenizer.IsSpecial));
    }

    private static int CountOccurrences(string text, string token)
    {
        var count = 0;
        for (var at = text.IndexOf(token, StringComparison.Ordinal); at >= 0; at = text.IndexOf(token, at + token.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
