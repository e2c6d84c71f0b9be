using Granary.Tokenization.AddedTokens;
using Granary.Tokenization.Decoders;
using Granary.Tokenization.Models;
using Granary.Tokenization.Normalizers;
using Granary.Tokenization.PostProcessors;
using Granary.Tokenization.PreTokenizers;

namespace Granary.Tokenization.Pipeline;

/// <summary>The components of a tokenizer as read from tokenizer.json, before transformers' adjustments.</summary>
internal sealed record TokenizerDefinition(
    BpeModel Model,
    INormalizer? Normalizer,
    IPreTokenizer? PreTokenizer,
    IPostProcessor? PostProcessor,
    IDecoder? Decoder,
    IReadOnlyList<AddedToken> AddedTokens);
