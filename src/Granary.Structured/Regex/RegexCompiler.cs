using Granary.Structured.Text;

namespace Granary.Structured.Regex;

/// <summary>Thompson construction from <see cref="RegexNode"/> to <see cref="CharNfa"/>, then a DFA.</summary>
internal static class RegexCompiler
{
    /// <summary>Texts over <paramref name="alphabet"/> that match the whole pattern.</summary>
    public static CharDfa FullMatch(string pattern, CodePointSet alphabet, string keyword) =>
        Compile(RegexParser.Parse(pattern, keyword), alphabet, search: false);

    /// <summary>
    /// Texts over <paramref name="alphabet"/> that contain a match: JSON Schema's <c>pattern</c>
    /// is an unanchored search, so only <c>^</c> and <c>$</c> pin it to the ends.
    /// </summary>
    public static CharDfa Search(string pattern, CodePointSet alphabet, string keyword) =>
        Compile(RegexParser.Parse(pattern, keyword), alphabet, search: true);

    private static CharDfa Compile(RegexNode node, CodePointSet alphabet, bool search)
    {
        var nfa = new CharNfa();
        var start = nfa.AddState();
        var final = nfa.AddState();
        nfa.Start = start;
        nfa.Final = final;
        if (search)
        {
            var (innerStart, innerFinal) = (nfa.AddState(), nfa.AddState());
            nfa.AddEdge(start, alphabet, start);
            nfa.AddEpsilon(start, innerStart);
            Build(nfa, node, innerStart, innerFinal, alphabet);
            nfa.AddEpsilon(innerFinal, final);
            nfa.AddEdge(final, alphabet, final);
        }
        else
        {
            Build(nfa, node, start, final, alphabet);
        }

        return CharDfaBuilder.Determinize(nfa);
    }

    private static void Build(CharNfa nfa, RegexNode node, int from, int to, CodePointSet alphabet)
    {
        switch (node.Kind)
        {
            case RegexNodeKind.Empty:
                nfa.AddEpsilon(from, to);
                break;
            case RegexNodeKind.Characters:
                nfa.AddEdge(from, node.Characters!.Narrow.Intersect(alphabet), to);
                break;
            case RegexNodeKind.StartAnchor:
                nfa.AddEpsilon(from, to, EpsilonKind.AtStart);
                break;
            case RegexNodeKind.EndAnchor:
                nfa.AddEpsilon(from, to, EpsilonKind.AtEnd);
                break;
            case RegexNodeKind.Concatenation:
                var current = from;
                for (var i = 0; i < node.Children.Count; i++)
                {
                    var next = i == node.Children.Count - 1 ? to : nfa.AddState();
                    Build(nfa, node.Children[i], current, next, alphabet);
                    current = next;
                }

                break;
            case RegexNodeKind.Alternation:
                foreach (var option in node.Children)
                {
                    Build(nfa, option, from, to, alphabet);
                }

                break;
            case RegexNodeKind.Repetition:
                BuildRepetition(nfa, node, from, to, alphabet);
                break;
        }
    }

    private static void BuildRepetition(CharNfa nfa, RegexNode node, int from, int to, CodePointSet alphabet)
    {
        var item = node.Children[0];
        var current = from;
        for (var i = 0; i < node.Min; i++)
        {
            var next = nfa.AddState();
            Build(nfa, item, current, next, alphabet);
            current = next;
        }

        if (node.Max is null)
        {
            // A fresh loop state keeps the back edge from re-entering the mandatory copies.
            var loop = nfa.AddState();
            nfa.AddEpsilon(current, loop);
            var bodyEnd = nfa.AddState();
            Build(nfa, item, loop, bodyEnd, alphabet);
            nfa.AddEpsilon(bodyEnd, loop);
            nfa.AddEpsilon(loop, to);
            return;
        }

        for (var i = node.Min; i < node.Max; i++)
        {
            nfa.AddEpsilon(current, to);
            var next = nfa.AddState();
            Build(nfa, item, current, next, alphabet);
            current = next;
        }

        nfa.AddEpsilon(current, to);
    }
}
