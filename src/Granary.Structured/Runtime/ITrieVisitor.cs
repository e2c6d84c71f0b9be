namespace Granary.Structured.Runtime;

/// <summary>What a <see cref="TrieWalk"/> does at each trie node the grammar can reach.</summary>
/// <remarks>Implemented by structs, so each walk is compiled for its visitor with no call through a delegate in the hot loop.</remarks>
internal interface ITrieVisitor
{
    /// <summary>Whether to go below <paramref name="node"/>, whose bytes lead to the live state <paramref name="next"/>.</summary>
    bool Enter(int node, LazyState next);

    /// <summary>The tokens that end at <paramref name="node"/>, all leading to <paramref name="next"/>.</summary>
    void Tokens(ReadOnlySpan<int> tokenIds, LazyState next);
}
