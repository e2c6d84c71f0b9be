using Granary.Engine.Abstractions;

namespace Granary.Engine.Tools;

/// <summary>The parser's output since it was last taken, in order; consecutive content is merged.</summary>
internal sealed class ToolStreamItems
{
    private readonly List<ToolStreamItem> _items = [];

    public void AddContent(string text)
    {
        if (text.Length == 0) return;
        if (_items.Count > 0 && _items[^1].Content is { } last)
            _items[^1] = ToolStreamItem.Text(last + text);
        else
            _items.Add(ToolStreamItem.Text(text));
    }

    public void AddCall(ToolCallDelta delta) => _items.Add(ToolStreamItem.ToolCall(delta));

    public IReadOnlyList<ToolStreamItem> Take()
    {
        if (_items.Count == 0) return [];
        var items = _items.ToArray();
        _items.Clear();
        return items;
    }
}
