using System.Globalization;
using System.Text.Json;
using Granary.Api.Errors;
using Granary.Api.Protocol;
using Granary.Serving.Requests;

namespace Granary.Api.Validation;

/// <summary>Reads and range-checks the sampling fields chat and completions share.</summary>
internal static class SamplingFieldsReader
{
    public static SamplingFields Read(JsonObjectReader body, bool isChat)
    {
        var n = body.Integer("n");
        SamplingRules.N(n, "n");

        var temperature = body.Number("temperature");
        SamplingRules.Temperature(temperature, "temperature");

        var topP = body.Number("top_p");
        SamplingRules.TopP(topP, "top_p");

        var topK = body.Integer("top_k");
        SamplingRules.TopK(topK, "top_k");
        var minP = body.Number("min_p");
        SamplingRules.MinP(minP, "min_p");
        var presence = body.Number("presence_penalty");
        SamplingRules.Penalty(presence, "presence_penalty");
        var frequency = body.Number("frequency_penalty");
        SamplingRules.Penalty(frequency, "frequency_penalty");
        var repetition = body.Number("repetition_penalty");
        SamplingRules.RepetitionPenalty(repetition, "repetition_penalty");

        var maxTokens = ReadMaxTokens(body, isChat);
        var minTokens = body.Integer("min_tokens");
        SamplingRules.MinTokens(minTokens, "min_tokens", maxTokens);

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
        SamplingRules.MaxTokens(maxTokens, "max_tokens");
        if (!isChat)
        {
            return maxTokens;
        }

        // OpenAI's newer name wins over the deprecated max_tokens, as in vLLM.
        var maxCompletionTokens = body.Integer("max_completion_tokens");
        SamplingRules.MaxTokens(maxCompletionTokens, "max_completion_tokens");
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
            SamplingRules.LogitBias(value, "logit_bias");
            result[tokenId] = value;
        }

        return result;
    }
}
