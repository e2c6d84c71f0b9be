using Granary.Engine.Output;

namespace Granary.Engine.Scheduling;

/// <summary>
/// Puts a new request's work in the scheduler. A fresh request is one prefill sequence that forks its
/// choices when it first samples. A resumed request (another replica served part of it) gets one
/// sequence per unfinished choice: its prior tokens are replayed into the output state, then computed
/// with the prompt as a preempted sequence is recomputed (mostly from the prefix cache, when this
/// replica has seen the prompt). A choice its prior tokens already end gets its last event at once;
/// one whose last event its client already has gets none.
/// </summary>
internal sealed class RequestAdmission(Scheduler scheduler, SequenceFactory sequences, StopRules stops, ChoiceEvents events)
{
    /// <exception cref="Abstractions.EngineRequestException">The resume point does not fit the request; nothing was scheduled or sent.</exception>
    public void Admit(RequestState request)
    {
        if (request.Resume is not { } resume)
        {
            scheduler.Add(sequences.CreateFirst(request));
            return;
        }

        // Every choice is replayed before anything is scheduled or sent: a resume point that does not fit fails whole.
        var replayed = new List<(Sequence Sequence, TokenVerdict Verdict)>();
        for (var choice = 0; choice < resume.Choices.Length; choice++)
        {
            if (resume.Choices[choice].Finished) continue;
            var sequence = sequences.CreateChoice(request, choice);
            replayed.Add((sequence, ChoiceReplay.Replay(sequence, resume.Choices[choice], stops)));
        }

        if (replayed.Count == 0 || replayed.Any(r => r.Verdict.Finish is not null)) events.PublishPrompt(request, 0);
        foreach (var (sequence, verdict) in replayed)
        {
            if (verdict.Finish is null) scheduler.Add(sequence);
            else events.Publish(sequence, verdict, [], null); // its tokens went out already: only the ending is new
        }
        foreach (var _ in resume.Choices.Where(c => c.Finished)) events.CountFinishedChoice(request);
    }
}
