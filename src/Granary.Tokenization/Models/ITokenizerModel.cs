namespace Granary.Tokenization.Models;

/// <summary>Turns one pre-tokenized split into token ids (tokenizer.json "model").</summary>
internal interface ITokenizerModel
{
    /// <summary>Number of entries in the model's own vocabulary (without added tokens).</summary>
    int VocabularyCount { get; }

    void Tokenize(string split, List<int> ids);

    int? TokenToId(string token);

    string? IdToToken(int id);
}
