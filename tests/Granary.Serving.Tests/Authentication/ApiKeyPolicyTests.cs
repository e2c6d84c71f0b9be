using Granary.Serving;
using Granary.Serving.Authentication;
using Microsoft.Extensions.Options;

namespace Granary.Serving.Tests.Authentication;

public sealed class ApiKeyPolicyTests
{
    private static ApiKeyPolicy Policy(string[] plain, params ApiKeyDefinition[] scoped)
    {
        var options = new ServingOptions();
        foreach (var key in plain) options.ApiKeys.Add(key);
        foreach (var key in scoped) options.ScopedApiKeys.Add(key);
        return new ApiKeyPolicy(Options.Create(options));
    }

    [Theory]
    [InlineData("Bearer sk-a", "sk-a")]
    [InlineData("bearer  sk-a ", "sk-a")]
    [InlineData("Basic sk-a", null)]
    [InlineData("sk-a", null)]
    [InlineData(null, null)]
    public void The_bearer_scheme_is_required_and_case_insensitive(string? header, string? expected)
    {
        Assert.Equal(expected, ApiKeyPolicy.BearerToken(header));
    }

    [Fact]
    public void Only_configured_keys_are_found_and_no_keys_means_open()
    {
        using var policy = Policy(["sk-a"], new ApiKeyDefinition("sk-b", ["m"]));
        using var open = Policy([""]);

        Assert.NotNull(policy.Find("sk-a"));
        Assert.NotNull(policy.Find("sk-b"));
        Assert.Null(policy.Find("sk-"));
        Assert.Null(policy.Find("sk-bb"));
        Assert.False(policy.IsOpen);
        Assert.True(open.IsOpen);
    }

    [Fact]
    public void A_key_given_both_ways_keeps_the_files_scope_and_limits()
    {
        using var policy = Policy(["sk-a"], new ApiKeyDefinition("sk-a", ["m"], RequestsPerMinute: 1));

        var grant = policy.Find("sk-a")!;

        Assert.True(grant.IsLimited);
        Assert.False(grant.MayUse("other"));
        Assert.Null(grant.AdmitRequest("m"));
        Assert.Equal(AccessDenialReason.RateLimited, grant.AdmitRequest("m")?.Reason);
    }

    [Fact]
    public void A_plain_key_may_use_every_model_without_limits()
    {
        using var policy = Policy(["sk-a"]);

        var grant = policy.Find("sk-a")!;

        Assert.False(grant.IsLimited);
        Assert.Empty(grant.RateLimitHeaderValues());
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Null(grant.AdmitRequest("any")));
    }
}
