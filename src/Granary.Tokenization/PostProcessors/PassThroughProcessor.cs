namespace Granary.Tokenization.PostProcessors;

/// <summary>Post-processors that leave ids alone: ByteLevel (it only adjusts offsets).</summary>
internal sealed class PassThroughProcessor : IPostProcessor
{
    public List<int> Process(List<int> ids, bool addSpecialTokens) => ids;
}
