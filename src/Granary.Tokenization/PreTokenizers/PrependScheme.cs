namespace Granary.Tokenization.PreTokenizers;

/// <summary>When Metaspace adds the replacement character in front of a split.</summary>
internal enum PrependScheme
{
    /// <summary>Every split that does not already start with it.</summary>
    Always,

    /// <summary>Only the split that starts the original text.</summary>
    First,

    Never,
}
