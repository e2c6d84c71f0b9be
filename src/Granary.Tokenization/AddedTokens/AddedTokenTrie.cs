using System.Buffers;

namespace Granary.Tokenization.AddedTokens;

/// <summary>
/// Finds added tokens leftmost-longest and non-overlapping, like the Aho-Corasick automaton
/// (MatchKind::LeftmostLongest) tokenizers builds.
/// </summary>
internal sealed class AddedTokenTrie
{
    private readonly Node _root = new();
    private readonly SearchValues<char> _firstCharacters;

    public AddedTokenTrie(IEnumerable<(string Pattern, AddedToken Token)> entries)
    {
        var firsts = new HashSet<char>();
        foreach (var (pattern, token) in entries)
        {
            if (pattern.Length == 0)
            {
                continue;
            }

            firsts.Add(pattern[0]);
            var node = _root;
            foreach (var c in pattern)
            {
                node.Children ??= new Dictionary<char, Node>();
                if (!node.Children.TryGetValue(c, out var child))
                {
                    child = new Node();
                    node.Children[c] = child;
                }

                node = child;
            }

            node.Token = token;
        }

        _firstCharacters = SearchValues.Create(firsts.ToArray());
        IsEmpty = firsts.Count == 0;
    }

    public bool IsEmpty { get; }

    /// <summary>The leftmost match starting at or after <paramref name="from"/>, longest among those starting there.</summary>
    public bool TryFindNext(string text, int from, out int start, out int end, out AddedToken? token)
    {
        var position = from;
        while (position < text.Length)
        {
            var offset = text.AsSpan(position).IndexOfAny(_firstCharacters);
            if (offset < 0)
            {
                break;
            }

            position += offset;
            if (TryMatchAt(text, position, out end, out token))
            {
                start = position;
                return true;
            }

            position++;
        }

        start = end = -1;
        token = null;
        return false;
    }

    private bool TryMatchAt(string text, int position, out int end, out AddedToken? token)
    {
        end = -1;
        token = null;
        var node = _root;
        for (var i = position; i < text.Length && node.Children is not null && node.Children.TryGetValue(text[i], out var child); i++)
        {
            node = child;
            if (node.Token is not null)
            {
                token = node.Token;
                end = i + 1;
            }
        }

        return token is not null;
    }

    private sealed class Node
    {
        public Dictionary<char, Node>? Children { get; set; }

        public AddedToken? Token { get; set; }
    }
}
