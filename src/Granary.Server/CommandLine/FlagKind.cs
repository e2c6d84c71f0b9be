namespace Granary.Server.CommandLine;

/// <summary>How a flag's words become configuration values.</summary>
internal enum FlagKind
{
    /// <summary><c>--port 8000</c>: one value.</summary>
    Value,

    /// <summary><c>--model a --model b</c>: an array; its environment variable is comma-separated.</summary>
    Repeated,

    /// <summary><c>--kubernetes</c>: sets the setting to true.</summary>
    Switch,

    /// <summary><c>--no-prefix-caching</c>: sets the setting to false.</summary>
    NegatedSwitch,
}
