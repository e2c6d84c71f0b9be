using Granary.Structured.Runtime;

namespace Granary.Structured.Tests.Runtime;

public sealed class VocabularyTrieTests
{
    [Fact]
    public void Every_included_token_sits_at_the_node_of_its_bytes()
    {
        byte[][] tokens = [[1, 2], [1], [1, 2, 3], [2], [1, 2], [], [9, 9, 9], [1, 3]];
        var trie = VocabularyTrie.Build(tokens, id => id != 7);
        for (var node = 1; node < trie.NodeCount; node++)
        {
            // Rebuild the node's bytes from its ancestors (the nearest earlier node one level up).
            var path = new List<byte>();
            for (int current = node, depth = trie.Depths[node]; depth > 0; depth--)
            {
                path.Insert(0, trie.Labels[current]);
                do
                {
                    current--;
                }
                while (current > 0 && trie.Depths[current] >= depth);
            }

            for (var k = trie.TokenStart[node]; k < trie.TokenStart[node + 1]; k++)
            {
                Assert.Equal(tokens[trie.TokenIds[k]], path.ToArray());
            }

            Assert.True(trie.SubtreeEnd[node] > node);
        }

        Assert.Equal([0, 1, 2, 3, 4, 6], trie.TokenIds.Order().ToArray());
    }
}
