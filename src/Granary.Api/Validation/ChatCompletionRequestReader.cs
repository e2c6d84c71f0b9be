using System.Text.Json;
using System.Text.Json.Nodes;
using Granary.Api.Errors;
using Granary.Api.Protocol;
using Granary.Serving.Requests;

namespace Granary.Api.Validation;

/// <summary>Turns a /v1/chat/completions body into a validated <see cref="ChatCompletionRequest"/>.</summary>
internal static class ChatCompletionRequestReader
{
    private static readonly string[] ReasoningEfforts = ["none", "minimal", "low", "medium", "high"];

    public static ChatCompletionRequest Read(JsonElement root)
    {
        var body = new JsonObjectReader(root, "");
        var model = CommonFieldsReader.RequiredModel(body);
        var messages = ChatMessageReader.ReadAll(body);
        var sampling = SamplingFieldsReader.Read(body, isChat: true);
        var stream = body.Boolean("stream") ?? false;
        var streamOptions = CommonFieldsReader.ReadStreamOptions(body, stream);

        var logprobs = body.Boolean("logprobs") ?? false;
        var topLogprobs = body.Integer("top_logprobs");
        SamplingRules.Logprobs(topLogprobs, "top_logprobs");
        if (topLogprobs is not null && !logprobs)
        {
            throw RequestErrors.InvalidValue("top_logprobs", "'logprobs' must be set to true when 'top_logprobs' is used.");
        }

        SamplingRules.LogprobVolume(sampling.ChoiceCount, sampling.MaxTokens, logprobs ? topLogprobs ?? 0 : null, "top_logprobs");

        var (toolsJson, toolNames) = ToolFieldsReader.ReadTools(body);
        var toolChoice = ToolFieldsReader.ReadToolChoice(body, toolNames);
        var parallelToolCalls = body.Boolean("parallel_tool_calls") ?? true;
        var structure = StructuredOutputsReader.Read(body);
        RejectUnsupportedFeatures(body);

        var addGenerationPrompt = body.Boolean("add_generation_prompt") ?? true;
        var continueFinalMessage = body.Boolean("continue_final_message") ?? false;
        if (addGenerationPrompt && continueFinalMessage)
        {
            throw RequestErrors.InvalidValue("continue_final_message",
                "'continue_final_message' and 'add_generation_prompt' cannot both be true.");
        }

        var request = new ChatCompletionRequest
        {
            Model = model,
            Messages = messages,
            Sampling = sampling,
            Stream = stream,
            StreamOptions = streamOptions,
            Logprobs = logprobs,
            TopLogprobs = topLogprobs,
            ToolsJson = toolsJson,
            ToolChoice = toolChoice,
            ParallelToolCalls = parallelToolCalls,
            Structure = structure,
            ChatTemplate = body.String("chat_template"),
            ChatTemplateKwargsJson = ReadTemplateKwargs(body),
            AddGenerationPrompt = addGenerationPrompt,
            ContinueFinalMessage = continueFinalMessage,
            Echo = body.Boolean("echo") ?? false,
            ReturnTokensAsTokenIds = body.Boolean("return_tokens_as_token_ids") ?? false,
            SessionId = CommonFieldsReader.ReadSessionId(body),
        };

        CommonFieldsReader.ReadLabels(body);
        // Hints that only tune OpenAI's own serving; harmless to accept.
        body.Object("prediction");
        body.String("verbosity");
        body.RejectUnread();
        return request;
    }

    private static void RejectUnsupportedFeatures(JsonObjectReader body)
    {
        if (body.IsPresent("audio"))
        {
            throw RequestErrors.NotSupported("audio", "Audio output");
        }

        var modalities = body.Value("modalities");
        if (modalities is not null && JsonValues.StringOrStrings(modalities.Value, "modalities").Any(m => m != "text"))
        {
            throw RequestErrors.NotSupported("modalities", "Output modalities other than 'text'");
        }

        foreach (var field in new[] { "functions", "function_call" })
        {
            if (body.IsPresent(field))
            {
                throw RequestErrors.NotSupported(field, $"The deprecated '{field}' field (use 'tools')");
            }
        }

        // vLLM's flag; chat templates write their own special tokens, so only "false" is served.
        if (body.Boolean("add_special_tokens") == true)
        {
            throw RequestErrors.NotSupported("add_special_tokens", "Adding special tokens to a rendered chat");
        }

        if (body.IsPresent("web_search_options"))
        {
            throw RequestErrors.NotSupported("web_search_options", "Web search");
        }
    }

    /// <summary>chat_template_kwargs, with reasoning_effort folded in: templates that reason read it there.</summary>
    public static string? ReadTemplateKwargs(JsonObjectReader body)
    {
        var kwargs = body.Value("chat_template_kwargs");
        if (kwargs is { ValueKind: not JsonValueKind.Object })
        {
            throw RequestErrors.InvalidType("chat_template_kwargs", "an object", JsonKinds.Describe(kwargs.Value));
        }

        var effort = body.String("reasoning_effort");
        if (effort is not null && !ReasoningEfforts.Contains(effort))
        {
            throw RequestErrors.InvalidValue("reasoning_effort", $"'{effort}'. Supported values are: {string.Join(", ", ReasoningEfforts.Select(e => $"'{e}'"))}.");
        }

        if (effort is null)
        {
            return kwargs?.GetRawText();
        }

        var merged = kwargs is null ? new JsonObject() : JsonNode.Parse(kwargs.Value.GetRawText())!.AsObject();
        merged.TryAdd("reasoning_effort", effort);
        return merged.ToJsonString();
    }
}
