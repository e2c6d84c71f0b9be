using Granary.Engine.Abstractions;

namespace Granary.Engine.Serving;

/// <summary>
/// Checks a resume point's shape against its request on the caller's thread (the client's 400 errors);
/// whether its tokens, text and calls agree with each other is found when the engine replays them.
/// </summary>
internal static class ResumeCheck
{
    /// <exception cref="EngineRequestException">The resume point cannot belong to this request.</exception>
    public static void Validate(ResumePoint resume, int choices, int vocabSize)
    {
        if (resume.Choices is null || resume.Choices.Length != choices)
            throw new EngineRequestException($"The resume point has {resume.Choices?.Length ?? 0} choices; the request has {choices}.", "resume");
        for (var k = 0; k < choices; k++)
        {
            var progress = resume.Choices[k];
            if (progress?.TokenIds is null || progress.TextLength < 0 || progress.ToolCalls < 0)
                throw new EngineRequestException($"The resume point's choice {k} is incomplete.", "resume");
            var outOfRange = Array.FindIndex(progress.TokenIds, t => t < 0 || t >= vocabSize);
            if (outOfRange >= 0)
                throw new EngineRequestException($"The resume point's choice {k} has token id {progress.TokenIds[outOfRange]}, out of vocabulary (size {vocabSize}).", "resume");
        }
    }
}
