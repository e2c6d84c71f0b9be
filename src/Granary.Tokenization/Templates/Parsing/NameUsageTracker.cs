namespace Granary.Tokenization.Templates.Parsing;

/// <summary>
/// Records which of <c>caller</c>, <c>varargs</c> and <c>kwargs</c> the body of each macro being parsed reads;
/// Jinja decides from that whether the macro accepts a caller or extra arguments. Names read inside a
/// nested macro count for the outer ones too, as in Jinja's <c>find_undeclared</c>.
/// </summary>
internal sealed class NameUsageTracker
{
    private static readonly HashSet<string> TrackedNames = ["caller", "varargs", "kwargs"];
    private readonly List<HashSet<string>> _openMacros = [];

    /// <summary>While true, names are assignment targets rather than reads.</summary>
    public bool ParsingTarget { get; set; }

    public void BeginMacro() => _openMacros.Add([]);

    public HashSet<string> EndMacro()
    {
        var used = _openMacros[^1];
        _openMacros.RemoveAt(_openMacros.Count - 1);
        return used;
    }

    public void RecordRead(string name)
    {
        if (ParsingTarget || !TrackedNames.Contains(name))
            return;
        foreach (var macro in _openMacros)
            macro.Add(name);
    }
}
