namespace Granary.Structured.Text;

/// <summary>
/// A Thompson NFA over code points. Epsilon edges may carry the zero-width assertions <c>^</c> and
/// <c>$</c>, which the determinizer honours only at the start or the end of the text.
/// </summary>
internal sealed class CharNfa
{
    private readonly List<List<(CodePointSet Set, int Target)>> _edges = [];
    private readonly List<List<(EpsilonKind Kind, int Target)>> _epsilons = [];

    public int StateCount => _edges.Count;

    public int Start { get; set; }

    public int Final { get; set; }

    public IReadOnlyList<(CodePointSet Set, int Target)> EdgesOf(int state) => _edges[state];

    public IReadOnlyList<(EpsilonKind Kind, int Target)> EpsilonsOf(int state) => _epsilons[state];

    public int AddState()
    {
        _edges.Add([]);
        _epsilons.Add([]);
        return _edges.Count - 1;
    }

    public void AddEdge(int from, CodePointSet set, int to)
    {
        if (!set.IsEmpty)
        {
            _edges[from].Add((set, to));
        }
    }

    public void AddEpsilon(int from, int to, EpsilonKind kind = EpsilonKind.Plain) => _epsilons[from].Add((kind, to));
}
