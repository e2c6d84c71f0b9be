using Granary.Engine.Abstractions;

namespace Granary.Engine.Output;

/// <summary>What one new token did to its choice: ended it (and how), or not; and whether its grammar refused it.</summary>
internal readonly record struct TokenVerdict(FinishReason? Finish, int? StopTokenId, bool GrammarRejected);
