namespace Granary.Tokenization.PostProcessors;

/// <summary>Adds the special tokens around an encoded single sequence (tokenizer.json "post_processor").</summary>
internal interface IPostProcessor
{
    List<int> Process(List<int> ids, bool addSpecialTokens);
}
