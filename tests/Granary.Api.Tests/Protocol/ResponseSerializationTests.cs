using Granary.Api.Protocol;
using Granary.Engine.Abstractions;

namespace Granary.Api.Tests.Protocol;

public sealed class ResponseSerializationTests
{
    private static string Json<T>(T value) => System.Text.Encoding.UTF8.GetString(ApiJson.Serialize(value));

    [Fact]
    public void Chunks_write_usage_only_when_asked()
    {
        var chunk = new ChatCompletionChunk { Id = "c", Created = 1, Model = "m", Choices = [] };

        Assert.DoesNotContain("usage", Json(chunk));
        Assert.Contains("\"usage\":null", Json(chunk with { IncludeUsage = true }));
        Assert.Contains("\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3", Json(chunk with { Usage = Usage.Of(1, 2, 0) }));
        Assert.DoesNotContain("include_usage", Json(chunk with { IncludeUsage = true }));
    }

    [Fact]
    public void Stop_reasons_are_strings_or_integers()
    {
        static string Reason(StopReasonValue? value) => Json(new ChatChoice { Index = 0, Message = new ChatResponseMessage { Content = "" }, StopReason = value });

        Assert.Contains("\"stop_reason\":\"###\"", Reason(StopReasonValue.From("###", null)));
        Assert.Contains("\"stop_reason\":128001", Reason(StopReasonValue.From(null, 128001)));
        Assert.Contains("\"stop_reason\":null", Reason(StopReasonValue.From(null, null)));
    }

    [Fact]
    public void Text_is_written_as_utf8_not_escaped()
    {
        Assert.Contains("\"content\":\"héllo 世界\"", Json(new ChatDelta { Content = "héllo 世界" }));
    }

    [Fact]
    public void Model_cards_and_tokenize_results_convert()
    {
        var model = ModelObject.From(new ModelCard { Id = "a/b", MaxModelLength = 100, Created = 5, OwnedBy = "me" });
        Assert.Equal(("a/b", "a/b", 100, 5L, "me", "model"), (model.Id, model.Root, model.MaxModelLen, model.Created, model.OwnedBy, model.Object));

        var tokens = TokenizeResponse.From(new TokenizeResult { Tokens = [4, 5], MaxModelLength = 9, TokenStrings = ["x", "y"] });
        Assert.Equal((2, 9), (tokens.Count, tokens.MaxModelLen));
        Assert.Equal(["x", "y"], tokens.TokenStrs!);
    }
}
