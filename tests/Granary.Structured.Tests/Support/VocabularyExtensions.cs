namespace Granary.Structured.Tests.Support;

internal static class VocabularyExtensions
{
    public static int MaskWords(this TokenVocabulary vocabulary) => (vocabulary.Size + 63) / 64;
}
