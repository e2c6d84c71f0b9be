namespace Granary.Engine;

/// <summary>A model folder could not be loaded; the message names the file, field or tensor at fault.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException(string message) : base(message) { }

    public ModelLoadException(string message, Exception inner) : base(message, inner) { }
}
