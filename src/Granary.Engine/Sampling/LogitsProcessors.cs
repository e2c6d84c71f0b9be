using static TorchSharp.torch;

namespace Granary.Engine.Sampling;

/// <summary>
/// In-place edits of a logits batch before sampling, each applied only when some row asks for it:
/// logit_bias, OpenAI presence/frequency penalties (output tokens), HF repetition_penalty (prompt and
/// output tokens) and min_tokens (stop tokens masked).
/// </summary>
internal static class LogitsProcessors
{
    public static void Apply(Tensor logits, IReadOnlyList<SamplingRow> rows)
    {
        ApplyLogitBias(logits, rows);
        ApplyRepetitionPenalty(logits, rows);
        ApplyPresenceAndFrequency(logits, rows);
        BlockStopTokens(logits, rows);
    }

    private static void ApplyLogitBias(Tensor logits, IReadOnlyList<SamplingRow> rows)
    {
        var entries = rows.SelectMany((r, i) => (r.Params.LogitBias ?? []).Select(b => (Row: i, Token: b.Key, Bias: b.Value)))
            .Where(e => e.Token >= 0 && e.Token < logits.shape[1]).ToArray();
        if (entries.Length == 0) return;
        using var scope = NewDisposeScope();
        var device = logits.device;
        logits.index_put_(
            tensor(entries.Select(e => (float)e.Bias).ToArray(), device: device),
            [tensor(entries.Select(e => (long)e.Row).ToArray(), device: device), tensor(entries.Select(e => (long)e.Token).ToArray(), device: device)],
            accumulate: true);
    }

    private static void ApplyRepetitionPenalty(Tensor logits, IReadOnlyList<SamplingRow> rows)
    {
        var penalised = Enumerable.Range(0, rows.Count).Where(i => rows[i].Params.RepetitionPenalty != 1.0).ToArray();
        if (penalised.Length == 0) return;
        using var scope = NewDisposeScope();
        var device = logits.device;
        var seen = zeros([rows.Count, logits.shape[1]], ScalarType.Bool, device);
        var (rowIndex, tokenIndex) = Pairs(penalised, i => rows[i].PromptTokens.Concat(rows[i].OutputTokens));
        seen.index_put_(tensor(true, device: device), [tensor(rowIndex, device: device), tensor(tokenIndex, device: device)]);
        var penalty = tensor(rows.Select(r => (float)r.Params.RepetitionPenalty).ToArray(), device: device).unsqueeze(1);
        var penalisedLogits = where(logits > 0, logits / penalty, logits * penalty);
        logits.copy_(where(seen, penalisedLogits, logits));
    }

    private static void ApplyPresenceAndFrequency(Tensor logits, IReadOnlyList<SamplingRow> rows)
    {
        var penalised = Enumerable.Range(0, rows.Count)
            .Where(i => rows[i].Params.PresencePenalty != 0 || rows[i].Params.FrequencyPenalty != 0).ToArray();
        if (penalised.Length == 0) return;
        using var scope = NewDisposeScope();
        var device = logits.device;
        var counts = zeros([rows.Count, logits.shape[1]], ScalarType.Float32, device);
        var (rowIndex, tokenIndex) = Pairs(penalised, i => rows[i].OutputTokens);
        if (rowIndex.Length == 0) return;
        counts.index_put_(ones(rowIndex.Length, device: device), [tensor(rowIndex, device: device), tensor(tokenIndex, device: device)], accumulate: true);
        var frequency = tensor(rows.Select(r => (float)r.Params.FrequencyPenalty).ToArray(), device: device).unsqueeze(1);
        var presence = tensor(rows.Select(r => (float)r.Params.PresencePenalty).ToArray(), device: device).unsqueeze(1);
        logits.sub_(counts * frequency + (counts > 0).to(ScalarType.Float32) * presence);
    }

    private static void BlockStopTokens(Tensor logits, IReadOnlyList<SamplingRow> rows)
    {
        // Rows with a grammar hold stop tokens back in GrammarMask, which knows when they are the only way on.
        var (rowIndex, tokenIndex) = Pairs(Enumerable.Range(0, rows.Count).Where(i => rows[i].Grammar is null),
            i => rows[i].BlockedStopTokens.Where(t => t < logits.shape[1]));
        if (rowIndex.Length == 0) return;
        using var scope = NewDisposeScope();
        var device = logits.device;
        logits.index_put_(tensor(float.NegativeInfinity, device: device), [tensor(rowIndex, device: device), tensor(tokenIndex, device: device)]);
    }

    private static (long[] Rows, long[] Tokens) Pairs(IEnumerable<int> rowIndices, Func<int, IEnumerable<int>> tokensOf)
    {
        var rows = new List<long>();
        var tokens = new List<long>();
        foreach (var row in rowIndices)
        foreach (var token in tokensOf(row))
        {
            rows.Add(row);
            tokens.Add(token);
        }
        return (rows.ToArray(), tokens.ToArray());
    }
}
