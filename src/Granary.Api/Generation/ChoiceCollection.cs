using Granary.Serving.Generation;

namespace Granary.Api.Generation;

/// <summary>Reads a generation to its end into the HTTP choice numbering (a whole, unstreamed response).</summary>
internal static class ChoiceCollection
{
    /// <summary>A table of <paramref name="choicesPerPrompt"/> choices per prompt.</summary>
    public static async Task<ChoiceTable> CollectAsync(this StartedGeneration generation, int choicesPerPrompt, CancellationToken ct)
    {
        var choices = new ChoiceTable(generation.Prompts.Count, choicesPerPrompt);
        await foreach (var item in generation.ReadEventsAsync(ct))
        {
            choices.Apply(item);
        }

        return choices;
    }
}
