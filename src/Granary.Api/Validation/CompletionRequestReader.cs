using System.Text.Json;
using Granary.Api.Errors;
using Granary.Api.Protocol;
using Granary.Serving.Requests;

namespace Granary.Api.Validation;

/// <summary>Turns a /v1/completions body into a validated <see cref="CompletionRequest"/>.</summary>
internal static class CompletionRequestReader
{
    private const string PromptShapes = "a string, an array of strings, an array of token ids, or an array of token id arrays";

    public static CompletionRequest Read(JsonElement root)
    {
        var body = new JsonObjectReader(root, "");
        var model = CommonFieldsReader.RequiredModel(body);
        var prompts = ReadPrompts(body);
        var sampling = SamplingFieldsReader.Read(body, isChat: false);
        var stream = body.Boolean("stream") ?? false;
        var streamOptions = CommonFieldsReader.ReadStreamOptions(body, stream);

        var logprobs = body.Integer("logprobs");
        SamplingRules.Logprobs(logprobs, "logprobs");
        SamplingRules.LogprobVolume((long)sampling.ChoiceCount * prompts.Length, sampling.MaxTokens, logprobs, "logprobs");
        var promptLogprobs = body.Integer("prompt_logprobs");
        SamplingRules.Logprobs(promptLogprobs, "prompt_logprobs");
        if (promptLogprobs is not null && stream)
        {
            throw RequestErrors.InvalidValue("prompt_logprobs", "'prompt_logprobs' is not available when streaming.");
        }

        // We sample n and return n; generating more to keep the best is not implemented.
        var bestOf = body.Integer("best_of");
        if (bestOf is not null && bestOf != sampling.ChoiceCount)
        {
            throw RequestErrors.NotSupported("best_of", "'best_of' different from 'n'");
        }

        if (body.IsPresent("suffix"))
        {
            throw RequestErrors.NotSupported("suffix", "'suffix' (insertion)");
        }

        var structure = StructuredOutputsReader.Read(body);
        var request = new CompletionRequest
        {
            Model = model,
            Prompts = prompts,
            Sampling = sampling,
            Stream = stream,
            StreamOptions = streamOptions,
            Echo = body.Boolean("echo") ?? false,
            Logprobs = logprobs,
            PromptLogprobs = promptLogprobs,
            AddSpecialTokens = body.Boolean("add_special_tokens") ?? true,
            ReturnTokensAsTokenIds = body.Boolean("return_tokens_as_token_ids") ?? false,
            SessionId = CommonFieldsReader.ReadSessionId(body),
            Structure = structure,
        };

        CommonFieldsReader.ReadLabels(body);
        body.RejectUnread();
        return request;
    }

    private static CompletionPrompt[] ReadPrompts(JsonObjectReader body)
    {
        var prompt = body.Value("prompt") ?? throw RequestErrors.Missing("prompt");
        if (prompt.ValueKind == JsonValueKind.String)
        {
            return [new CompletionPrompt(prompt.GetString(), null)];
        }

        if (prompt.ValueKind != JsonValueKind.Array)
        {
            throw RequestErrors.InvalidType("prompt", PromptShapes, JsonKinds.Describe(prompt));
        }

        var items = prompt.EnumerateArray().ToArray();
        if (items.Length == 0)
        {
            throw RequestErrors.EmptyArray("prompt");
        }

        return items[0].ValueKind switch
        {
            JsonValueKind.String => items.Select((p, i) => new CompletionPrompt(Element(p, i, JsonValueKind.String).GetString(), null)).ToArray(),
            JsonValueKind.Number => [new CompletionPrompt(null, TokenIds(prompt, "prompt"))],
            JsonValueKind.Array => items.Select((p, i) => new CompletionPrompt(null, TokenIds(Element(p, i, JsonValueKind.Array), $"prompt[{i}]"))).ToArray(),
            _ => throw RequestErrors.InvalidType("prompt", PromptShapes, $"an array of {JsonKinds.Describe(items[0])}"),
        };
    }

    /// <summary>Prompt arrays may not mix shapes (strings with token ids).</summary>
    private static JsonElement Element(JsonElement item, int index, JsonValueKind expected) =>
        item.ValueKind == expected
            ? item
            : throw RequestErrors.InvalidType($"prompt[{index}]", expected == JsonValueKind.String ? "a string" : "an array of token ids", JsonKinds.Describe(item));

    private static int[] TokenIds(JsonElement ids, string param)
    {
        var tokens = JsonValues.TokenIds(ids, param);
        return tokens.Length > 0 ? tokens : throw RequestErrors.EmptyArray(param);
    }
}
