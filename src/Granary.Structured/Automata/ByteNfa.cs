using Granary.Structured.Expressions;

namespace Granary.Structured.Automata;

/// <summary>A nondeterministic automaton over bytes with epsilon edges and rule calls (one per rule body).</summary>
internal sealed class ByteNfa
{
    private readonly List<List<(byte Low, byte High, int Target)>> _bytes = [];
    private readonly List<List<int>> _epsilons = [];
    private readonly List<List<(GrammarRule Callee, int Return)>> _calls = [];

    public int StateCount => _bytes.Count;

    public int Start { get; set; }

    public int Final { get; set; }

    public IReadOnlyList<(byte Low, byte High, int Target)> BytesOf(int state) => _bytes[state];

    public IReadOnlyList<int> EpsilonsOf(int state) => _epsilons[state];

    public IReadOnlyList<(GrammarRule Callee, int Return)> CallsOf(int state) => _calls[state];

    public int AddState()
    {
        _bytes.Add([]);
        _epsilons.Add([]);
        _calls.Add([]);
        return _bytes.Count - 1;
    }

    public void AddBytes(int from, byte low, byte high, int to) => _bytes[from].Add((low, high, to));

    public void AddEpsilon(int from, int to) => _epsilons[from].Add(to);

    public void AddCall(int from, GrammarRule callee, int to) => _calls[from].Add((callee, to));
}
