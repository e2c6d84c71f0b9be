using System.Security.Cryptography;
using System.Text;
using Granary.Engine.Abstractions;

namespace Granary.Server.Cluster;

/// <summary>
/// The session a request belongs to: the client's id, or for a chat without one, a digest of the
/// conversation's opening (system and first user message), which every later turn repeats.
/// </summary>
internal static class SessionKeys
{
    public static string? For(GenerationRequest request, string? clientSessionId)
    {
        if (!string.IsNullOrEmpty(clientSessionId)) return clientSessionId;
        if (request.Prompt.Chat is not { Messages.Length: > 0 } chat) return null;
        var opening = chat.Messages.TakeWhile(m => m.Role is "system" or "developer")
            .Concat(chat.Messages.Where(m => m.Role == "user").Take(1));
        var text = string.Join('\u0001', opening.Select(m => $"{m.Role}\u0002{m.Content ?? string.Join("\n", m.Parts?.Select(p => p.Text ?? p.Url) ?? [])}"));
        return "auto-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 12).ToLowerInvariant();
    }

    public static string Grain(string model, string session) => $"{model}|{session}";
}
