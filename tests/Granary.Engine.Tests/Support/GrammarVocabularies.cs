using Granary.Engine.Constraints;
using Granary.Engine.Tools;
using Granary.Structured;
using Granary.Tokenization;

namespace Granary.Engine.Tests.Support;

/// <summary>A fixture model's tokens as its engine's grammars see them, for a test to measure a grammar's shortest completion.</summary>
internal static class GrammarVocabularies
{
    /// <remarks>Token distances do not depend on which ids are EOS, only on which tokens can spell text.</remarks>
    public static TokenVocabulary For(string model)
    {
        var tokenizer = PretrainedTokenizer.FromDirectory(Fixtures.Model(model));
        var eos = new HashSet<int> { tokenizer.EosTokenId!.Value };
        return new ConstraintVocabulary(tokenizer, eos, ToolCallFormat.All.SelectMany(f => f.Syntax.MarkerTokens).ToArray()).Vocabulary;
    }

    public static int ShortestCompletion(Grammar grammar, string model = "tiny-llama3") =>
        new GrammarMatcher(grammar, For(model)).TokensToCompletion;
}
