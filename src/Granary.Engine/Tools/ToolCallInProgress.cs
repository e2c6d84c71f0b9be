using Granary.Engine.Abstractions;

namespace Granary.Engine.Tools;

/// <summary>The call object being read, and once committed (its first piece sent) its index: what it reads becomes deltas.</summary>
internal sealed class ToolCallInProgress(ToolCallSyntax syntax)
{
    private readonly ToolCallObjectReader _reader = new(syntax.NameKey, syntax.ArgumentsKeys);
    private int? _index;

    public bool Committed => _index is not null;

    public bool NameKnown => _reader.Name is not null;

    public JsonScan Feed(char c) => _reader.Feed(c);

    /// <summary>The call's first piece: index, id and name.</summary>
    public ToolCallDelta Commit(int index, string id)
    {
        _index = index;
        return new ToolCallDelta { Index = index, Id = id, Name = _reader.Name };
    }

    /// <summary>Argument text read since last taken, once committed; null when there is none to send.</summary>
    public ToolCallDelta? TakeArguments()
    {
        if (_index is not { } index) return null;
        var piece = _reader.TakeArguments();
        return piece.Length == 0 ? null : new ToolCallDelta { Index = index, Arguments = piece };
    }
}
