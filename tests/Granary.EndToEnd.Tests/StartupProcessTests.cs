using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Granary.EndToEnd.Tests.Support;

namespace Granary.EndToEnd.Tests;

/// <summary>Start-up truthfulness: a fatal error is one line and a failing exit code; a loading model is a 503.</summary>
public sealed class StartupProcessTests
{
    [Fact]
    public async Task A_missing_model_folder_is_one_line_and_exit_code_1()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"granary-missing-{Guid.NewGuid():N}");

        var (exitCode, output) = await RunUntilExitAsync("--model", $"gone={missing}");

        Assert.Equal(1, exitCode);
        Assert.Single(Lines(output), line => line.Contains("Cannot serve gone", StringComparison.Ordinal) && line.Contains("does not exist", StringComparison.Ordinal));
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task A_max_model_len_above_the_models_limit_is_one_line_and_exit_code_1()
    {
        var (exitCode, output) = await RunUntilExitAsync("--max-model-len", "100000");

        Assert.Equal(1, exitCode);
        Assert.Single(Lines(output), line => line.Contains("max model length 100000 exceeds the model's max_position_embeddings", StringComparison.Ordinal));
        AssertNoStackTrace(output);
    }

    [Fact]
    public async Task A_bad_flag_value_is_one_line_and_exit_code_1()
    {
        var (exitCode, output) = await RunUntilExitAsync("--replicas", "0");

        Assert.Equal(1, exitCode);
        Assert.Equal(["granary: --replicas must be at least 1"], Lines(output));
    }

    [Fact]
    public async Task A_second_silo_on_the_same_ports_refuses_to_start()
    {
        await using var first = await GranaryServer.StartLiveAsync();

        var (exitCode, output) = await RunUntilExitAsync("--silo-port", $"{first.SiloPort}");

        Assert.Equal(1, exitCode);
        Assert.Equal([$"granary: --silo-port {first.SiloPort} is already in use on 127.0.0.1 (another granary on this machine?); give each process its own --port, --grpc-port, --silo-port and --gateway-port"],
            Lines(output));
    }

    [Fact]
    public async Task From_the_first_answer_a_loading_model_is_a_503_with_retry_after_never_a_404_or_500()
    {
        await using var server = await GranaryServer.StartLiveAsync("--model", await SlowModel.ArgumentAsync());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var body = new JsonObject
        {
            ["model"] = SlowModel.Name,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }),
            ["max_tokens"] = 1,
        };
        var statuses = new List<HttpStatusCode>();
        var deadline = DateTime.UtcNow.AddMinutes(3); // loading includes a quarter of free memory's KV cache
        while (statuses.LastOrDefault() != HttpStatusCode.OK)
        {
            using var response = await http.PostAsJsonAsync($"{server.Url}/v1/chat/completions", body);
            statuses.Add(response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.OK) break;
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}\n{server.Output}");
            Assert.Equal("model_loading", JsonNode.Parse(text)!["error"]!["code"]!.GetValue<string>());
            Assert.NotNull(response.Headers.RetryAfter);
            Assert.True(DateTime.UtcNow < deadline, server.Output);
            await Task.Delay(100);
        }

        Assert.DoesNotContain("Unexpected failure", server.Output, StringComparison.Ordinal); // an expected 503 is not an error to log
    }

    /// <summary>A server with the bundled model that is expected to give up: its exit code and everything it printed.</summary>
    private static async Task<(int ExitCode, string Output)> RunUntilExitAsync(params string[] arguments)
    {
        string[] defaults = ["--port", $"{FreePorts.Next()}", "--grpc-port", "0", "--silo-port", $"{FreePorts.Next()}", "--gateway-port", $"{FreePorts.Next()}"];
        var unset = defaults.Chunk(2).Where(flag => !arguments.Contains(flag[0])).SelectMany(flag => flag);
        await using var process = new ChildProcess("dotnet", [Paths.ServerAssembly, "--host", "127.0.0.1", .. unset, .. arguments]);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(90));
        return (exitCode, process.Output);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void AssertNoStackTrace(string output) =>
        Assert.DoesNotContain(output.Split('\n'), line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
}
