using Granary.Engine.Abstractions;
using Granary.Engine.Scheduling;

namespace Granary.Engine.Output;

/// <summary>
/// Takes a choice's next token into its state (tokens, grammar, text) and decides whether it ends the
/// choice: EOS or a stop token, a stop string, a finished grammar, max_tokens or the context window.
/// The same rules replay a resumed choice's prior tokens, so its state is the interrupted replica's.
/// </summary>
internal sealed class StopRules(IReadOnlySet<int> eosTokenIds, int maxModelLength)
{
    public TokenVerdict Append(Sequence sequence, int token)
    {
        var sampling = sequence.Request.Sampling;
        sequence.Append(token);
        var grammarRejected = sequence.Constraint?.Accept(token) == false;

        FinishReason? finish = null;
        int? stopTokenId = null;
        var isEos = !sampling.IgnoreEos && eosTokenIds.Contains(token);
        if (isEos || sampling.StopTokenIds.Contains(token))
        {
            finish = FinishReason.Stop;
            stopTokenId = isEos ? null : token;
        }
        // A stop token's own text is left out unless the client asked for stop text in the output.
        if ((finish is null || sampling.IncludeStopStringInOutput) && sequence.Output.Add(token))
            finish = FinishReason.Stop;
        // A grammar that is satisfied and allows nothing more (only EOS could follow) ends the choice;
        // the mask allowed only tokens the grammar accepts, so a rejection means a bug: end rather than emit invalid text.
        if (finish is null && (grammarRejected || sequence.Constraint?.IsTerminated == true))
            finish = FinishReason.Stop;
        if (finish is null && (sequence.OutputLength >= sampling.MaxTokens || sequence.TokenIds.Count >= maxModelLength))
            finish = FinishReason.Length;
        return new TokenVerdict(finish, stopTokenId, grammarRejected);
    }
}
