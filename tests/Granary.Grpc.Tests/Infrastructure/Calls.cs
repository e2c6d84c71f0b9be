using Granary.Grpc.V1;
using Grpc.Core;

namespace Granary.Grpc.Tests.Infrastructure;

internal static class Calls
{
    /// <summary>Every message of a server stream, to its end.</summary>
    public static async Task<List<GenerateResponse>> ReadAllAsync(this AsyncServerStreamingCall<GenerateResponse> call)
    {
        using (call)
        {
            var messages = new List<GenerateResponse>();
            await foreach (var message in call.ResponseStream.ReadAllAsync())
            {
                messages.Add(message);
            }

            return messages;
        }
    }

    public static GenerateRequest Generate(string prompt = "Hello", SamplingParameters? sampling = null) =>
        new() { Model = ScriptedInferenceClient.Model, Prompt = prompt, Sampling = sampling };

    public static ChatRequest Chat(string content = "Hi", SamplingParameters? sampling = null) => new()
    {
        Model = ScriptedInferenceClient.Model,
        Messages = { new ChatMessage { Role = "user", Content = content } },
        Sampling = sampling,
    };
}
