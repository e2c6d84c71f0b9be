using System.Net;
using System.Text;
using System.Text.Json;
using Granary.Api.Tests.Infrastructure;
using Granary.Engine.Abstractions;
using static Granary.Testing.ScriptedInference.Scripts;

namespace Granary.Api.Tests.Endpoints;

/// <summary>The engine's tool call deltas as OpenAI's message.tool_calls and streamed delta.tool_calls.</summary>
public sealed class ChatToolCallsTests
{
    private const string Request = """
        {"model":"meta/llama-3.1-8b-instruct","messages":[{"role":"user","content":"Weather and time in Paris?"}],
         "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object"}}},{"type":"function","function":{"name":"get_time"}}]
        """;

    [Fact]
    public async Task A_whole_reply_carries_content_tool_calls_and_finish_reason_tool_calls()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (request, ct) => Play(TwoCalls(0, "Let me check."), ct);
        var response = await host.Http.PostJsonAsync("/v1/chat/completions", Request + "}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = (await response.JsonAsync()).GetProperty("choices")[0];
        var message = choice.GetProperty("message");
        Assert.Equal("Let me check.", message.GetProperty("content").GetString());
        Assert.Equal(
            """[{"id":"call_w0","type":"function","function":{"name":"get_weather","arguments":"{\"city\": \"Paris\"}"}},""" +
            """{"id":"call_t0","type":"function","function":{"name":"get_time","arguments":"{}"}}]""",
            message.GetProperty("tool_calls").GetRawText());
        Assert.Equal("tool_calls", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task A_reply_of_only_calls_has_null_content()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (request, ct) => Play(TwoCalls(0, ""), ct);
        var response = await host.Http.PostJsonAsync("/v1/chat/completions", Request + "}");

        var message = (await response.JsonAsync()).GetProperty("choices")[0].GetProperty("message");
        Assert.Equal(JsonValueKind.Null, message.GetProperty("content").ValueKind);
        Assert.Equal(2, message.GetProperty("tool_calls").GetArrayLength());
    }

    [Fact]
    public async Task Streamed_calls_start_with_id_type_and_name_then_send_argument_pieces()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (request, ct) => Play(TwoCalls(0, ""), ct);
        var response = await host.Http.PostJsonAsync("/v1/chat/completions", Request + ",\"stream\":true}");

        var deltas = (await response.SseChunksAsync())
            .Select(c => c.GetProperty("choices")[0].GetProperty("delta"))
            .Where(d => d.TryGetProperty("tool_calls", out _))
            .Select(d => d.GetRawText())
            .ToList();
        Assert.Equal(
        [
            """{"tool_calls":[{"index":0,"id":"call_w0","type":"function","function":{"name":"get_weather","arguments":""}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\""}}]}""",
            """{"tool_calls":[{"index":0,"function":{"arguments":": \"Paris\"}"}}]}""",
            """{"tool_calls":[{"index":1,"id":"call_t0","type":"function","function":{"name":"get_time","arguments":""}}]}""",
            """{"tool_calls":[{"index":1,"function":{"arguments":"{}"}}]}""",
        ], deltas);
    }

    [Fact]
    public async Task Streamed_deltas_assemble_to_the_whole_reply_for_every_choice()
    {
        await using var host = await ApiHost.StartAsync();
        host.Client.Generate = (request, ct) => Play([Prompt(9), .. TwoCalls(0, "Checking.").Skip(1), .. TwoCalls(1, "").Skip(1)], ct);

        var whole = await (await host.Http.PostJsonAsync("/v1/chat/completions", Request + ",\"n\":2}")).JsonAsync();
        var chunks = await (await host.Http.PostJsonAsync("/v1/chat/completions", Request + ",\"n\":2,\"stream\":true}")).SseChunksAsync();

        for (var i = 0; i < 2; i++)
        {
            var expected = whole.GetProperty("choices")[i];
            var (content, calls, finish) = Assemble(chunks, i);
            var message = expected.GetProperty("message");
            Assert.Equal(message.GetProperty("content").GetString() ?? "", content);
            var expectedCalls = message.GetProperty("tool_calls").EnumerateArray().Select(c => (
                c.GetProperty("id").GetString()!,
                c.GetProperty("type").GetString()!,
                c.GetProperty("function").GetProperty("name").GetString()!,
                c.GetProperty("function").GetProperty("arguments").GetString()!));
            Assert.Equal(expectedCalls, calls);
            Assert.Equal(expected.GetProperty("finish_reason").GetString(), finish);
        }
    }

    /// <summary>Choice <paramref name="choice"/> says the text, then calls get_weather and get_time, in pieces.</summary>
    private static GenerationEvent[] TwoCalls(int choice, string text) =>
    [
        Prompt(9),
        Delta(choice, text, 1),
        Calls(choice, new ToolCallDelta { Index = 0, Id = $"call_w{choice}", Name = "get_weather" }),
        Calls(choice, new ToolCallDelta { Index = 0, Arguments = "{\"city\"" }),
        Calls(choice, new ToolCallDelta { Index = 0, Arguments = ": \"Paris\"}" },
            new ToolCallDelta { Index = 1, Id = $"call_t{choice}", Name = "get_time" },
            new ToolCallDelta { Index = 1, Arguments = "{}" }),
        Finish(choice, 5, FinishReason.ToolCalls),
    ];

    private static GenerationEvent Calls(int choice, params ToolCallDelta[] calls) => new() { Choice = choice, TokenIds = [2], ToolCalls = calls };

    /// <summary>A choice's streamed content, calls and finish reason, assembled as the openai package does.</summary>
    private static (string Content, List<(string Id, string Type, string Name, string Arguments)> Calls, string? Finish) Assemble(List<JsonElement> chunks, int index)
    {
        var content = new StringBuilder();
        var calls = new List<(string Id, string Type, string Name, StringBuilder Arguments)>();
        string? finish = null;
        foreach (var choice in chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray()).Where(c => c.GetProperty("index").GetInt32() == index))
        {
            var delta = choice.GetProperty("delta");
            if (delta.TryGetProperty("content", out var text)) content.Append(text.GetString());
            foreach (var call in delta.TryGetProperty("tool_calls", out var pieces) ? pieces.EnumerateArray() : [])
            {
                var function = call.GetProperty("function");
                if (call.TryGetProperty("id", out var id))
                {
                    calls.Add((id.GetString()!, call.GetProperty("type").GetString()!, function.GetProperty("name").GetString()!, new StringBuilder()));
                }

                calls[call.GetProperty("index").GetInt32()].Arguments.Append(function.GetProperty("arguments").GetString());
            }

            finish = choice.GetProperty("finish_reason").GetString() ?? finish;
        }

        return (content.ToString(), calls.Select(c => (c.Id, c.Type, c.Name, c.Arguments.ToString())).ToList(), finish);
    }
}
