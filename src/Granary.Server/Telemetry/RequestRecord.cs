namespace Granary.Server.Telemetry;

/// <summary>What the access log learns of a request from the cluster: its model and token counts.</summary>
internal sealed class RequestRecord
{
    private static readonly AsyncLocal<RequestRecord?> Flowing = new();

    /// <summary>The record of the HTTP or gRPC request this code runs for, if any.</summary>
    public static RequestRecord? Current
    {
        get => Flowing.Value;
        set => Flowing.Value = value;
    }

    public string? Model { get; set; }

    public int PromptTokens;

    public int CompletionTokens;
}
