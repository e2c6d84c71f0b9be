namespace Granary.Engine.Tools;

/// <summary>
/// In auto mode, text whose generation starts a tool call. Once the output holds <see cref="Text"/>
/// (at its very start, leading whitespace aside, when <see cref="AtStartOnly"/>), the rest of the call
/// is fixed: <see cref="Continuation"/>, then the call object, then the syntax's CallSuffix. When
/// <see cref="OpensObject"/>, the trigger is the call object's own opening brace, so the object
/// continues right after it.
/// </summary>
internal sealed record ToolCallTrigger(string Text, bool AtStartOnly, string Continuation, bool OpensObject);
