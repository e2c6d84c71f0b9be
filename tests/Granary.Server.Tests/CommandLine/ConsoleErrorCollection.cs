namespace Granary.Server.Tests.CommandLine;

/// <summary>Tests that swap Console.Error/Out run one at a time.</summary>
[CollectionDefinition(nameof(ConsoleErrorCollection), DisableParallelization = true)]
public sealed class ConsoleErrorCollection;
