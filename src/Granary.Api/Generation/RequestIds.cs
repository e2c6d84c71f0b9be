namespace Granary.Api.Generation;

/// <summary>Response ids in OpenAI's formats; also used as the engine request ids, for tracing.</summary>
internal static class RequestIds
{
    public static string NewChatCompletion() => $"chatcmpl-{Guid.NewGuid():N}";

    public static string NewCompletion() => $"cmpl-{Guid.NewGuid():N}";
}
