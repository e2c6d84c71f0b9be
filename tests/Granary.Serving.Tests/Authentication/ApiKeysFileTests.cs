using Granary.Serving.Authentication;

namespace Granary.Serving.Tests.Authentication;

public sealed class ApiKeysFileTests
{
    [Fact]
    public void Reads_scopes_and_limits_and_star_or_absence_means_every_model()
    {
        var keys = ApiKeysFile.Parse("""
            {"keys": [
              {"key": "sk-a", "models": ["m1", "meta/m2"], "requests_per_minute": 60, "tokens_per_minute": 10000},
              {"key": "sk-b", "models": "*", "tokens_per_minute": 5},
              {"key": " sk-c "}
            ]}
            """);

        Assert.Equal(3, keys.Count);
        Assert.Equal("sk-a", keys[0].Key);
        Assert.Equal(["m1", "meta/m2"], keys[0].Models!);
        Assert.Equal((60, 10000), (keys[0].RequestsPerMinute, keys[0].TokensPerMinute));
        Assert.Equal(new ApiKeyDefinition("sk-b", null, null, 5), keys[1]);
        Assert.True(keys[1].IsLimited);
        Assert.Equal(new ApiKeyDefinition("sk-c"), keys[2]);
        Assert.False(keys[2].IsLimited);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("""[]""", "\"keys\" array")]
    [InlineData("""{"keys": {}}""", "\"keys\" array")]
    [InlineData("""{"keys": [], "extra": 1}""", "unknown field \"extra\"")]
    [InlineData("""{"keys": ["sk-a"]}""", "keys[0]: expected an object")]
    [InlineData("""{"keys": [{"models": "*"}]}""", "keys[0].key")]
    [InlineData("""{"keys": [{"key": ""}]}""", "keys[0].key")]
    [InlineData("""{"keys": [{"key": "a"}, {"key": "b", "request_per_minute": 5}]}""", "keys[1]: unknown field \"request_per_minute\"")]
    [InlineData("""{"keys": [{"key": "a", "models": []}]}""", "keys[0].models")]
    [InlineData("""{"keys": [{"key": "a", "models": "m1"}]}""", "keys[0].models")]
    [InlineData("""{"keys": [{"key": "a", "models": ["m1", 2]}]}""", "keys[0].models")]
    [InlineData("""{"keys": [{"key": "a", "requests_per_minute": 0}]}""", "keys[0].requests_per_minute")]
    [InlineData("""{"keys": [{"key": "a", "tokens_per_minute": 1.5}]}""", "keys[0].tokens_per_minute")]
    [InlineData("""{"keys": [{"key": "a", "tokens_per_minute": "100"}]}""", "keys[0].tokens_per_minute")]
    [InlineData("""{"keys": [{"key": "a"}, {"key": "a"}]}""", "listed twice")]
    public void Refuses_what_would_leave_a_key_unscoped_or_unlimited_by_mistake(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ApiKeysFile.Parse(json));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void A_missing_file_is_a_format_error_naming_the_flag()
    {
        var error = Assert.Throws<FormatException>(() => ApiKeysFile.Load("/nonexistent/keys.json"));

        Assert.Contains("--api-keys-file /nonexistent/keys.json", error.Message);
    }
}
