namespace Granary.Bench;

/// <summary>A problem with the benchmark's setup (bad options, unreachable server): reported without a stack trace.</summary>
internal sealed class BenchException(string message) : Exception(message);
