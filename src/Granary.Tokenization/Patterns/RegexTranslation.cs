namespace Granary.Tokenization.Patterns;

/// <param name="DotNetPattern">The pattern in .NET syntax.</param>
/// <param name="HasSupplementaryLiterals">The pattern names characters outside the BMP, so input must not be folded.</param>
internal sealed record RegexTranslation(string DotNetPattern, bool HasSupplementaryLiterals);
