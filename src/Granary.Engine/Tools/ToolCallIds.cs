using System.Security.Cryptography;

namespace Granary.Engine.Tools;

/// <summary>Tool call ids as OpenAI writes them: <c>call_</c> and 24 random letters and digits.</summary>
internal static class ToolCallIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => "call_" + RandomNumberGenerator.GetString(Alphabet, 24);
}
