using System.Text;
using Granary.Api.Protocol;
using Granary.Engine.Abstractions;

namespace Granary.Api.Generation;

/// <summary>A choice's tool calls put back together from the engine's deltas, as a streaming client would.</summary>
internal sealed class ToolCallAssembly
{
    private readonly List<(string Id, string Name, StringBuilder Arguments)> _calls = [];

    public void Apply(IEnumerable<ToolCallDelta> deltas)
    {
        foreach (var delta in deltas)
        {
            if (delta.Index == _calls.Count && delta.Id is not null && delta.Name is not null)
            {
                _calls.Add((delta.Id, delta.Name, new StringBuilder()));
            }
            else if (delta.Index < 0 || delta.Index >= _calls.Count)
            {
                throw new InvalidOperationException($"The engine sent a piece of tool call {delta.Index} before its start.");
            }

            _calls[delta.Index].Arguments.Append(delta.Arguments);
        }
    }

    /// <summary>The calls in the reply's shape; null when the choice made none.</summary>
    public IReadOnlyList<ChatResponseToolCall>? Build() => _calls.Count == 0
        ? null
        : _calls.Select(c => new ChatResponseToolCall(c.Id, "function", new ChatResponseFunction(c.Name, c.Arguments.ToString()))).ToArray();
}
