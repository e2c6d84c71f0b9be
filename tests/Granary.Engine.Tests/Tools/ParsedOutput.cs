using System.Text;
using Granary.Engine.Abstractions;
using Granary.Engine.Tools;

namespace Granary.Engine.Tests.Tools;

/// <summary>
/// Parser output assembled as a client assembles OpenAI deltas, checking the delta shape on the way:
/// call i starts with one piece carrying its id and name, and only argument text follows.
/// </summary>
internal sealed class ParsedOutput
{
    private readonly StringBuilder _content = new();
    private readonly List<(string Id, string Name, StringBuilder Arguments)> _calls = [];

    public string Content => _content.ToString();

    public IReadOnlyList<(string Id, string Name, string Arguments)> Calls =>
        _calls.Select(c => (c.Id, c.Name, c.Arguments.ToString())).ToArray();

    /// <summary>Feeds the pieces in turn, then finishes.</summary>
    public static ParsedOutput Of(ToolCallStreamParser parser, params string[] pieces)
    {
        var output = new ParsedOutput();
        foreach (var piece in pieces) output.Add(parser.Feed(piece));
        output.Add(parser.Finish());
        return output;
    }

    public void Add(IReadOnlyList<ToolStreamItem> items)
    {
        foreach (var item in items)
        {
            if (item.Content is { } content)
            {
                Assert.Null(item.Call);
                Assert.NotEqual("", content);
                _content.Append(content);
                continue;
            }
            var call = item.Call!;
            if (call.Id is not null)
            {
                Assert.Equal(_calls.Count, call.Index);
                Assert.NotNull(call.Name);
                _calls.Add((call.Id, call.Name!, new StringBuilder(call.Arguments)));
            }
            else
            {
                Assert.Null(call.Name);
                Assert.InRange(call.Index, 0, _calls.Count - 1);
                Assert.NotEqual("", call.Arguments);
                _calls[call.Index].Arguments.Append(call.Arguments);
            }
        }
    }

    /// <summary>Content and calls, ids left out (they differ from parser to parser).</summary>
    public string Describe() =>
        $"content={Content}|" + string.Join("|", _calls.Select(c => $"{c.Name}:{c.Arguments}"));

    public static Func<string> CountingIds()
    {
        var next = 0;
        return () => $"call_{next++}";
    }
}
