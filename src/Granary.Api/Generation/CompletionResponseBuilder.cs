using Granary.Api.Protocol;
using Granary.Engine.Abstractions;

namespace Granary.Api.Generation;

/// <summary>Assembles a whole text completion: echo, logprobs and prompt logprobs per choice.</summary>
internal static class CompletionResponseBuilder
{
    /// <param name="firstPromptTokens">Per prompt, the decoded first token (which has no logprob) for echoed logprobs.</param>
    public static CompletionResponse Build(
        CompletionRequest request, string id, long created, IReadOnlyList<PromptInfo> prompts, ChoiceTable choices,
        IReadOnlyList<string> firstPromptTokens)
    {
        var result = new CompletionChoice[choices.Count];
        for (var i = 0; i < choices.Count; i++)
        {
            var promptIndex = i / choices.ChoicesPerPrompt;
            var prompt = prompts[promptIndex];
            var choice = choices[i];
            result[i] = new CompletionChoice
            {
                Index = i,
                Text = EchoText(request, prompt, promptIndex) + choice.Text,
                Logprobs = Logprobs(request, prompt, promptIndex, choice, firstPromptTokens[promptIndex]),
                FinishReason = FinishReasons.ToWire(choice.FinishReason),
                StopReason = StopReasonValue.From(choice.StopReason, choice.StopTokenId),
                PromptLogprobs = LogprobRendering.PromptLogprobs(prompt, request.PromptLogprobs),
            };
        }

        return new CompletionResponse
        {
            Id = id,
            Created = created,
            Model = request.Model,
            Choices = result,
            Usage = choices.UsageFor(prompts),
        };
    }

    /// <summary>The prompt as echoed: the engine's text, else the client's own text prompt.</summary>
    public static string EchoText(CompletionRequest request, PromptInfo prompt, int promptIndex) =>
        request.Echo ? prompt.Text ?? request.Prompts[promptIndex].Text ?? "" : "";

    /// <summary>A choice's logprobs: the echoed prompt's first, then the generated tokens'.</summary>
    public static CompletionLogprobs? Logprobs(CompletionRequest request, PromptInfo prompt, int promptIndex, ChoiceState choice, string firstPromptToken)
    {
        if (request.Logprobs is not { } topCount)
        {
            return null;
        }

        var builder = new CompletionLogprobsBuilder(topCount, request.ReturnTokensAsTokenIds);
        if (request.Echo)
        {
            builder.AddPrompt(prompt, firstPromptToken, EchoText(request, prompt, promptIndex));
        }

        foreach (var logprob in choice.Logprobs)
        {
            builder.Add(logprob);
        }

        return builder.Build();
    }
}
