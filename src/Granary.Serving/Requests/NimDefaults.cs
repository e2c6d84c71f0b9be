namespace Granary.Serving.Requests;

/// <summary>NIM's documented sampling defaults: they differ from OpenAI's (1.0, 1.0, 16) and are what NIM clients expect.</summary>
public static class NimDefaults
{
    public const double Temperature = 0.2;
    public const double TopP = 0.7;
    public const int MaxTokens = 1024;
}
