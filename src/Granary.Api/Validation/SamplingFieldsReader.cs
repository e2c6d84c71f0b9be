using System.Globalization;
using System.Text.Json;
using Granary.Api.Errors;
using Granary.Api.Protocol;

namespace Granary.Api.Validation;

/// <summary>Reads and range-checks the sampling fields chat and completions share.</summary>
internal static class SamplingFieldsReader
{
    // Far above any sensible use; bounds the work one request can ask for.
    public const int MaxChoices = 128;

    public static SamplingFields Read(JsonObjectReader body, bool isChat)
    {
        var n = body.Integer("n");
        Ranges.Check(n, "n", 1, MaxChoices);

        var temperature = body.Number("temperature");
        Ranges.Check(temperature, "temperature", 0, 2);

        var topP = body.Number("top_p");
        if (topP is <= 0 or > 1)
        {
            // vLLM and OpenAI sample from a non-empty nucleus: top_p must be in (0, 1].
            throw ApiException.BadRequest(
                $"Invalid 'top_p': expected a value > 0 and <= 1, but got {RequestErrors.Format(topP.Value)} instead.",
                "top_p", topP <= 0 ? "decimal_below_min_value" : "decimal_above_max_value");
        }

        var topK = body.Integer("top_k");
        Ranges.Check(topK, "top_k", -1);
        var minP = body.Number("min_p");
        Ranges.Check(minP, "min_p", 0, 1);
        var presence = body.Number("presence_penalty");
        Ranges.Check(presence, "presence_penalty", -2, 2);
        var frequency = body.Number("frequency_penalty");
        Ranges.Check(frequency, "frequency_penalty", -2, 2);
        var repetition = body.Number("repetition_penalty");
        if (repetition is <= 0)
        {
            throw ApiException.BadRequest(
                $"Invalid 'repetition_penalty': expected a value > 0, but got {RequestErrors.Format(repetition.Value)} instead.",
                "repetition_penalty", "decimal_below_min_value");
        }

        var maxTokens = ReadMaxTokens(body, isChat);
        var minTokens = body.Integer("min_tokens");
        Ranges.Check(minTokens, "min_tokens", 0, maxTokens ?? int.MaxValue);

        return new SamplingFields
        {
            N = n,
            Temperature = temperature,
            TopP = topP,
            TopK = topK,
            MinP = minP,
            PresencePenalty = presence,
            FrequencyPenalty = frequency,
            RepetitionPenalty = repetition,
            Seed = body.Long("seed"),
            MaxTokens = maxTokens,
            MinTokens = minTokens,
            Stop = ReadStop(body),
            StopTokenIds = ReadStopTokenIds(body),
            IgnoreEos = body.Boolean("ignore_eos"),
            IncludeStopStrInOutput = body.Boolean("include_stop_str_in_output"),
            SkipSpecialTokens = body.Boolean("skip_special_tokens"),
            SpacesBetweenSpecialTokens = body.Boolean("spaces_between_special_tokens"),
            LogitBias = ReadLogitBias(body),
        };
    }

    private static int? ReadMaxTokens(JsonObjectReader body, bool isChat)
    {
        var maxTokens = body.Integer("max_tokens");
        Ranges.Check(maxTokens, "max_tokens", 1);
        if (!isChat)
        {
            return maxTokens;
        }

        // OpenAI's newer name wins over the deprecated max_tokens, as in vLLM.
        var maxCompletionTokens = body.Integer("max_completion_tokens");
        Ranges.Check(maxCompletionTokens, "max_completion_tokens", 1);
        return maxCompletionTokens ?? maxTokens;
    }

    private static string[] ReadStop(JsonObjectReader body)
    {
        var stop = body.Value("stop");
        // An empty stop string would end every choice at once; clients that send "" mean "no stop".
        return stop is null ? [] : JsonValues.StringOrStrings(stop.Value, "stop").Where(s => s.Length > 0).ToArray();
    }

    private static int[] ReadStopTokenIds(JsonObjectReader body)
    {
        var ids = body.Value("stop_token_ids");
        if (ids is null)
        {
            return [];
        }

        return JsonValues.TokenIds(ids.Value, "stop_token_ids");
    }

    private static Dictionary<int, double>? ReadLogitBias(JsonObjectReader body)
    {
        var bias = body.Object("logit_bias");
        if (bias is null)
        {
            return null;
        }

        var result = new Dictionary<int, double>();
        foreach (var name in bias.Unread().ToList())
        {
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var tokenId))
            {
                throw RequestErrors.InvalidValue("logit_bias", $"keys must be token ids (non-negative integers), got '{name}'.");
            }

            var value = bias.Number(name) ?? throw RequestErrors.InvalidType(bias.ParamOf(name), "a decimal", "null");
            Ranges.Check(value, "logit_bias", -100, 100);
            result[tokenId] = value;
        }

        return result;
    }
}
