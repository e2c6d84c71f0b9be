namespace Granary.Engine.Tools;

/// <summary>What one character did to a streamed JSON value.</summary>
internal enum JsonScan
{
    /// <summary>Consumed; the value is not finished.</summary>
    Continue,

    /// <summary>Consumed, and it ended the value.</summary>
    Complete,

    /// <summary>Not consumed: the value (a number) had already ended before it.</summary>
    CompleteBefore,

    /// <summary>Not valid JSON at this character.</summary>
    Invalid,
}
