using System.Diagnostics;
using Granary.Structured.Tests.Support;
using Xunit.Abstractions;

namespace Granary.Structured.Tests.Benchmarks;

/// <summary>
/// µs per FillAllowedTokens during random walks over a typical schema, on the tiny and Qwen3
/// vocabularies. Runs only with GRANARY_STRUCTURED_BENCH=1 (no timed assertions in tests):
/// <c>GRANARY_STRUCTURED_BENCH=1 dotnet test tests/Granary.Structured.Tests -c Release --filter MaskBenchmark --logger "console;verbosity=detailed"</c>
/// </summary>
public sealed class MaskBenchmark(ITestOutputHelper output)
{
    public const string TypicalSchema = """
        {
          "type": "object",
          "properties": {
            "name": {"type": "string", "maxLength": 40},
            "age": {"type": "integer", "minimum": 0, "maximum": 150},
            "email": {"type": "string", "format": "email"},
            "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 5},
            "address": {
              "type": "object",
              "properties": {"street": {"type": "string"}, "city": {"type": "string"}, "zip": {"type": "string", "pattern": "^[0-9]{5}$"}},
              "required": ["street", "city"],
              "additionalProperties": false
            },
            "status": {"enum": ["active", "inactive", "pending"]},
            "score": {"type": "number"},
            "notes": {"anyOf": [{"type": "string"}, {"type": "null"}]}
          },
          "required": ["name", "age", "status", "address"],
          "additionalProperties": false
        }
        """;

    /// <summary>What OpenAI strict mode allows: every property required, no string or number bounds.</summary>
    public const string StrictSchema = """
        {
          "type": "object",
          "properties": {
            "city": {"type": "string"},
            "unit": {"enum": ["celsius", "fahrenheit"]},
            "days": {"type": "integer"},
            "forecast": {"type": "array", "items": {"type": "object", "properties": {"day": {"type": "string"}, "high": {"type": "number"}, "low": {"type": "number"}, "summary": {"anyOf": [{"type": "string"}, {"type": "null"}]}}, "required": ["day", "high", "low", "summary"], "additionalProperties": false}},
            "alerts": {"type": "array", "items": {"type": "string"}}
          },
          "required": ["city", "unit", "days", "forecast", "alerts"],
          "additionalProperties": false
        }
        """;

    private static bool Enabled => Environment.GetEnvironmentVariable("GRANARY_STRUCTURED_BENCH") == "1";

    [Theory]
    [InlineData("tiny")]
    [InlineData("qwen3")]
    public void Mask_time_per_step(string vocabularyName)
    {
        if (!Enabled)
        {
            return;
        }

        var vocabulary = Vocabularies.ByName(vocabularyName);
        var tokenizer = Vocabularies.TokenizerByName(vocabularyName);
        var eos = tokenizer.EosTokenId!.Value;
        // Budget steering: off (no budget), on at max_tokens 1024 (far from the end: masks as without it),
        // and on at a tight budget (the shortest completion + 8 tokens: steered from the first token).
        foreach (var (budgetLabel, budget) in Budgets)
        {
            Report(vocabularyName, $"strict schema, compiled per request, {budgetLabel}", vocabulary, eos, () => Grammar.JsonSchema(StrictSchema), 30, budget);
            Report(vocabularyName, $"rich schema (maxLength, email, pattern), compiled per request, {budgetLabel}", vocabulary, eos, () => Grammar.JsonSchema(TypicalSchema), 30, budget);
            var shared = Grammar.JsonSchema(TypicalSchema);
            Report(vocabularyName, $"rich schema, grammar shared across requests, {budgetLabel}", vocabulary, eos, () => shared, 30, budget);
            Report(vocabularyName, $"json_object (shared), {budgetLabel}", vocabulary, eos, Grammar.AnyJsonObject, 30, budget);
        }
    }

    private static readonly (string Label, Func<GrammarMatcher, int>? Budget)[] Budgets =
    [
        ("no budget", null),
        ("budget 1024", _ => 1024),
        ("tight budget", matcher => matcher.TokensToCompletion + 8),
    ];

    private void Report(string vocabularyName, string label, TokenVocabulary vocabulary, int eos, Func<Grammar> grammarPerWalk, int walks, Func<GrammarMatcher, int>? budgetOf)
    {
        var times = new List<double>();
        var compile = Stopwatch.StartNew();
        grammarPerWalk();
        var compileMs = compile.Elapsed.TotalMilliseconds;
        var mask = new ulong[vocabulary.MaskWords()];
        for (var walk = 0; walk < walks; walk++)
        {
            var random = new Random(walk);
            var matcher = new GrammarMatcher(grammarPerWalk(), vocabulary);
            var budget = budgetOf?.Invoke(matcher) ?? int.MaxValue;
            for (var step = 0; step < Math.Min(200, budget); step++)
            {
                var start = Stopwatch.GetTimestamp();
                if (budgetOf is null)
                {
                    matcher.FillAllowedTokens(mask);
                }
                else
                {
                    matcher.FillAllowedTokens(mask, budget - step);
                }

                times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                var allowed = MaskBits.SetBits(mask, vocabulary.Size);
                allowed.Remove(eos);
                if (allowed.Count == 0 || (matcher.IsComplete && random.Next(4) == 0))
                {
                    break;
                }

                matcher.AcceptToken(allowed[random.Next(allowed.Count)]);
            }
        }

        times.Sort();
        output.WriteLine(
            $"{vocabularyName,-6} {label}: {times.Count} masks, mean {times.Average():F1} µs, median {times[times.Count / 2]:F1} µs, " +
            $"p90 {times[(int)(times.Count * 0.9)]:F1} µs, p99 {times[(int)(times.Count * 0.99)]:F1} µs, max {times[^1]:F0} µs; compile {compileMs:F1} ms");
    }
}
