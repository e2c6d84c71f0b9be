using Granary.Api.Protocol;
using Granary.Engine.Abstractions;
using Granary.Serving.Generation;

namespace Granary.Api.Generation;

/// <summary>
/// Every choice of a request, prompt-major: prompt p's choice c has wire index p * n + c, as OpenAI
/// and vLLM number the choices of a multi-prompt completion.
/// </summary>
internal sealed class ChoiceTable
{
    private readonly ChoiceState[] _choices;

    public ChoiceTable(int promptCount, int choicesPerPrompt)
    {
        ChoicesPerPrompt = choicesPerPrompt;
        _choices = Enumerable.Range(0, promptCount * choicesPerPrompt).Select(_ => new ChoiceState()).ToArray();
    }

    public int ChoicesPerPrompt { get; }

    public int Count => _choices.Length;

    public ChoiceState this[int index] => _choices[index];

    public int IndexOf(int promptIndex, int choice)
    {
        if (choice < 0 || choice >= ChoicesPerPrompt)
        {
            throw new InvalidOperationException($"The engine sent choice {choice} for a request of {ChoicesPerPrompt}.");
        }

        return (promptIndex * ChoicesPerPrompt) + choice;
    }

    /// <returns>The wire index of the choice the event belongs to.</returns>
    public int Apply(IndexedEvent item)
    {
        var index = IndexOf(item.PromptIndex, item.Event.Choice);
        _choices[index].Apply(item.Event);
        return index;
    }

    public int CompletionTokens => _choices.Sum(c => c.CompletionTokens);

    /// <summary>The request's usage so far: its prompts' tokens and every choice's generated tokens.</summary>
    public Usage UsageFor(IReadOnlyList<PromptInfo> prompts) =>
        Usage.Of(prompts.Sum(p => p.TokenCount), CompletionTokens, prompts.Sum(p => p.CachedTokenCount));
}
