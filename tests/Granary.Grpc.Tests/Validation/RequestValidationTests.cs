using Granary.Grpc.Tests.Infrastructure;
using Granary.Grpc.V1;
using Grpc.Core;

namespace Granary.Grpc.Tests.Validation;

public sealed class RequestValidationTests
{
    private static readonly Dictionary<string, (Action<GenerateRequest> Set, string Field, string Code)> GenerateCases = new()
    {
        ["no model"] = (r => r.Model = "", "model", "missing_required_parameter"),
        ["no prompt"] = (r => r.ClearPrompt(), "prompt", "missing_required_parameter"),
        ["prompt and token ids"] = (r => r.PromptTokenIds.Add(1), "prompt", "invalid_value"),
        ["negative token id"] = (r => { r.ClearPrompt(); r.PromptTokenIds.Add([4, -2]); }, "prompt_token_ids[1]", "integer_below_min_value"),
        ["prompt_logprobs above 20"] = (r => r.PromptLogprobs = 21, "prompt_logprobs", "integer_above_max_value"),
        ["prompt_logprobs negative"] = (r => r.PromptLogprobs = -1, "prompt_logprobs", "integer_below_min_value"),
    };

    private static readonly Dictionary<string, (Action<ChatRequest> Set, string Field, string Code)> ChatCases = new()
    {
        ["no model"] = (r => r.Model = "", "model", "missing_required_parameter"),
        ["no messages"] = (r => r.Messages.Clear(), "messages", "empty_array"),
        ["no role"] = (r => r.Messages[0].Role = "", "messages[0].role", "missing_required_parameter"),
        ["unknown role"] = (r => r.Messages[0].Role = "robot", "messages[0].role", "invalid_value"),
        ["user without content"] = (r => r.Messages[0].ClearContent(), "messages[0].content", "missing_required_parameter"),
        ["content and parts"] = (r => r.Messages[0].Parts.Add(new ContentPart { Text = "x" }), "messages[0].parts", "invalid_value"),
        ["empty part"] = (r => { r.Messages[0].ClearContent(); r.Messages[0].Parts.Add(new ContentPart()); }, "messages[0].parts[0]", "invalid_value"),
        ["image in a system message"] = (r => r.Messages.Insert(0, new ChatMessage { Role = "system", Parts = { new ContentPart { ImageUrl = "http://x/y.png" } } }),
            "messages[0].parts[0].image_url", "invalid_value"),
        ["empty image url"] = (r => { r.Messages[0].ClearContent(); r.Messages[0].Parts.Add(new ContentPart { ImageUrl = "" }); }, "messages[0].parts[0].image_url", "missing_required_parameter"),
        ["tool calls on a user message"] = (r => r.Messages[0].ToolCalls.Add(new ToolCall { Id = "c", Name = "f" }), "messages[0].tool_calls", "invalid_value"),
        ["tool call without id"] = (r => r.Messages.Add(new ChatMessage { Role = "assistant", ToolCalls = { new ToolCall { Name = "f" } } }), "messages[1].tool_calls[0].id", "missing_required_parameter"),
        ["tool call without name"] = (r => r.Messages.Add(new ChatMessage { Role = "assistant", ToolCalls = { new ToolCall { Id = "c" } } }), "messages[1].tool_calls[0].name", "missing_required_parameter"),
        ["tool message without call id"] = (r => r.Messages.Add(new ChatMessage { Role = "tool", Content = "42" }), "messages[1].tool_call_id", "missing_required_parameter"),
        ["tools not JSON"] = (r => r.ToolsJson = "[{", "tools_json", "invalid_value"),
        ["tools not an array"] = (r => r.ToolsJson = """{"type":"function"}""", "tools_json", "invalid_value"),
        ["tool of another type"] = (r => r.ToolsJson = """[{"type":"retrieval"}]""", "tools_json[0]", "invalid_value"),
        ["tool without a name"] = (r => r.ToolsJson = """[{"type":"function","function":{"name":""}}]""", "tools_json[0].function", "invalid_value"),
        ["kwargs not an object"] = (r => r.ChatTemplateKwargsJson = "[1]", "chat_template_kwargs_json", "invalid_value"),
        ["kwargs not JSON"] = (r => r.ChatTemplateKwargsJson = "{x}", "chat_template_kwargs_json", "invalid_value"),
        ["continue with a generation prompt"] = (r => r.ContinueFinalMessage = true, "continue_final_message", "invalid_value"),
    };

    private static readonly Dictionary<string, (TokenizeRequest Request, string Field, string Code)> TokenizeCases = new()
    {
        ["neither prompt nor messages"] = (new TokenizeRequest(), "prompt", "missing_required_parameter"),
        ["prompt and messages"] = (new TokenizeRequest { Prompt = "a", Messages = { new ChatMessage { Role = "user", Content = "b" } } }, "prompt", "invalid_value"),
        ["special tokens on a chat"] = (new TokenizeRequest { AddSpecialTokens = true, Messages = { new ChatMessage { Role = "user", Content = "b" } } }, "add_special_tokens", "unsupported_parameter"),
        ["bad message"] = (new TokenizeRequest { Messages = { new ChatMessage { Role = "user" } } }, "messages[0].content", "missing_required_parameter"),
        ["bad kwargs"] = (new TokenizeRequest { ChatTemplateKwargsJson = "1", Messages = { new ChatMessage { Role = "user", Content = "b" } } }, "chat_template_kwargs_json", "invalid_value"),
    };

    public static TheoryData<string> GenerateCaseNames => new(GenerateCases.Keys);

    public static TheoryData<string> ChatCaseNames => new(ChatCases.Keys);

    public static TheoryData<string> TokenizeCaseNames => new(TokenizeCases.Keys);

    [Theory]
    [MemberData(nameof(GenerateCaseNames))]
    public async Task Invalid_generate_requests_name_the_field(string name)
    {
        var (set, field, code) = GenerateCases[name];
        await using var host = await GrpcHost.StartAsync();
        var request = Calls.Generate();
        set(request);

        await RpcAssert.FailsAsync(() => host.Inference.Generate(request).ReadAllAsync(), StatusCode.InvalidArgument, field, code);

        Assert.Empty(host.Client.Calls);
    }

    [Theory]
    [MemberData(nameof(ChatCaseNames))]
    public async Task Invalid_chat_requests_name_the_field(string name)
    {
        var (set, field, code) = ChatCases[name];
        await using var host = await GrpcHost.StartAsync();
        var request = Calls.Chat();
        set(request);

        await RpcAssert.FailsAsync(() => host.Inference.Chat(request).ReadAllAsync(), StatusCode.InvalidArgument, field, code);

        Assert.Empty(host.Client.Calls);
    }

    [Theory]
    [MemberData(nameof(TokenizeCaseNames))]
    public async Task Invalid_tokenize_requests_name_the_field(string name)
    {
        var (request, field, code) = TokenizeCases[name];
        await using var host = await GrpcHost.StartAsync();

        await RpcAssert.FailsAsync(() => host.Inference.TokenizeAsync(request).ResponseAsync, StatusCode.InvalidArgument, field, code);

        Assert.Empty(host.Client.TokenizeCalls);
    }

    [Fact]
    public async Task Negative_token_ids_cannot_be_detokenized()
    {
        await using var host = await GrpcHost.StartAsync();

        await RpcAssert.FailsAsync(() => host.Inference.DetokenizeAsync(new DetokenizeRequest { Tokens = { 1, -1 } }).ResponseAsync,
            StatusCode.InvalidArgument, "tokens[1]", "integer_below_min_value");

        Assert.Empty(host.Client.DetokenizeCalls);
    }

    [Fact]
    public async Task An_assistant_message_may_have_no_content()
    {
        await using var host = await GrpcHost.StartAsync();
        var request = Calls.Chat();
        request.Messages.Add(new ChatMessage { Role = "assistant", ToolCalls = { new ToolCall { Id = "c", Name = "f", Arguments = "{}" } } });
        request.Messages.Add(new ChatMessage { Role = "tool", ToolCallId = "c", Content = "ok" });

        var messages = await host.Inference.Chat(request).ReadAllAsync();

        Assert.Equal(GenerateResponse.EventOneofCase.End, messages[^1].EventCase);
        Assert.Null(host.Client.Calls.Single().Request.Prompt.Chat!.Messages[1].Content);
    }
}
