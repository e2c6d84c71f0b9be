using Granary.Engine.Torch;
using static TorchSharp.torch;

namespace Granary.Engine.Sampling;

/// <summary>
/// Sets to -inf the logits of tokens a row's grammar does not allow next, so neither greedy nor
/// random sampling can leave the grammar; near the end of the row's token budget the grammar keeps
/// only tokens after which it can still end in time (budget steering). Logits past the grammar's vocabulary (padded embedding
/// rows) are never allowed. min_tokens holds stop tokens back here too, unless they are the only
/// way the grammar can go on. Rows writing free text in tool auto mode lose the tokens that would
/// open a call too late to finish.
/// </summary>
internal static class GrammarMask
{
    public static void Apply(Tensor logits, IReadOnlyList<SamplingRow> rows)
    {
        BlockLateTriggers(logits, rows);
        var constrained = Enumerable.Range(0, rows.Count).Where(i => rows[i].Grammar is not null).ToArray();
        if (constrained.Length == 0) return;
        var vocab = (int)logits.shape[1];
        var allowed = new bool[constrained.Length * vocab];
        for (var k = 0; k < constrained.Length; k++)
            Fill(rows[constrained[k]], allowed.AsSpan(k * vocab, vocab));

        using var scope = NewDisposeScope();
        var device = logits.device;
        var blocked = tensor(allowed, device: device).view(constrained.Length, vocab).logical_not();
        var index = tensor(constrained.Select(i => (long)i).ToArray(), device: device);
        logits.index_copy_(0, index, logits.index_select(0, index).masked_fill(blocked, Scalars.MinusInfinity));
    }

    private static void BlockLateTriggers(Tensor logits, IReadOnlyList<SamplingRow> rows)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].LateTriggerTokens is not { Count: > 0 } late) continue;
            using var scope = NewDisposeScope();
            logits[i].index_fill_(0, tensor(late.Select(t => (long)t).ToArray(), device: logits.device), Scalars.MinusInfinity);
        }
    }

    private static void Fill(SamplingRow row, Span<bool> allowed)
    {
        var grammar = row.Grammar!;
        var words = new ulong[grammar.MaskWords];
        grammar.FillAllowedTokens(words, row.TokensLeft);
        var held = row.BlockedStopTokens.Where(t => t < words.Length * 64).ToArray();
        if (held.Length > 0 && AnyOther(words, held))
            foreach (var token in held) words[token >> 6] &= ~(1UL << token);

        var limit = Math.Min(allowed.Length, words.Length * 64);
        for (var t = 0; t < limit; t++) allowed[t] = (words[t >> 6] & (1UL << t)) != 0;
    }

    private static bool AnyOther(ulong[] words, int[] excluded)
    {
        var copy = (ulong[])words.Clone();
        foreach (var token in excluded) copy[token >> 6] &= ~(1UL << token);
        return copy.Any(w => w != 0);
    }
}
