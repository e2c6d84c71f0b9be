using Google.Protobuf;
using Granary.Engine.Abstractions;
using Wire = Granary.Grpc.V1;

namespace Granary.Grpc.Mapping;

/// <summary>Engine results to wire messages.</summary>
internal static class ResponseMapper
{
    public static Wire.Model ToModel(ModelCard card) => new()
    {
        Id = card.Id,
        MaxModelLength = card.MaxModelLength,
        Root = card.Root,
        Created = card.Created,
        OwnedBy = card.OwnedBy,
    };

    public static Wire.PromptInfo ToPromptInfo(PromptInfo prompt)
    {
        var info = new Wire.PromptInfo { TokenCount = prompt.TokenCount, CachedTokenCount = prompt.CachedTokenCount };
        if (prompt.TokenIds is not null)
        {
            info.TokenIds.AddRange(prompt.TokenIds);
        }

        if (prompt.Text is not null)
        {
            info.Text = prompt.Text;
        }

        if (prompt.Logprobs is not null)
        {
            info.Logprobs.AddRange(prompt.Logprobs.Select(l => new Wire.PromptTokenLogprob { Logprob = l is null ? null : ToTokenLogprob(l) }));
        }

        return info;
    }

    /// <param name="completionTokens">The choice's tokens so far (exact once it finished).</param>
    public static Wire.ChoiceDelta ToChoiceDelta(GenerationEvent delta, int completionTokens)
    {
        var wire = new Wire.ChoiceDelta
        {
            Index = delta.Choice,
            Text = delta.Text,
            FinishReason = ToFinishReason(delta.FinishReason),
            CompletionTokens = completionTokens,
        };
        wire.TokenIds.AddRange(delta.TokenIds);
        if (delta.Logprobs is not null)
        {
            wire.Logprobs.AddRange(delta.Logprobs.Select(ToTokenLogprob));
        }

        // vLLM reports the stop string, else the stop token id, as stop_reason.
        if (delta.StopReason is not null)
        {
            wire.StopString = delta.StopReason;
        }
        else if (delta.StopTokenId is { } stopTokenId)
        {
            wire.StopTokenId = stopTokenId;
        }

        return wire;
    }

    public static Wire.FinishReason ToFinishReason(FinishReason? reason) => reason switch
    {
        null => Wire.FinishReason.Unspecified,
        FinishReason.Stop => Wire.FinishReason.Stop,
        FinishReason.Length => Wire.FinishReason.Length,
        _ => Wire.FinishReason.Abort,
    };

    public static Wire.TokenLogprob ToTokenLogprob(TokenLogprob logprob)
    {
        var wire = new Wire.TokenLogprob
        {
            TokenId = logprob.TokenId,
            Token = logprob.Token,
            Logprob = logprob.Logprob,
            Bytes = ByteString.CopyFrom(logprob.Bytes),
        };
        wire.Top.AddRange(logprob.Top.Select(top => new Wire.TopLogprob
        {
            TokenId = top.TokenId,
            Token = top.Token,
            Logprob = top.Logprob,
            Bytes = ByteString.CopyFrom(top.Bytes),
        }));
        return wire;
    }

    public static Wire.TokenizeResponse ToTokenizeResponse(TokenizeResult result)
    {
        var wire = new Wire.TokenizeResponse { Count = result.Tokens.Length, MaxModelLength = result.MaxModelLength };
        wire.Tokens.AddRange(result.Tokens);
        if (result.TokenStrings is not null)
        {
            wire.TokenStrings.AddRange(result.TokenStrings);
        }

        return wire;
    }
}
