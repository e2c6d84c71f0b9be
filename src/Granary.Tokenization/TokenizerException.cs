namespace Granary.Tokenization;

/// <summary>A tokenizer file or configuration that cannot be loaded or used; the message names the file, field or type at fault.</summary>
public sealed class TokenizerException : Exception
{
    public TokenizerException(string message)
        : base(message)
    {
    }

    public TokenizerException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
