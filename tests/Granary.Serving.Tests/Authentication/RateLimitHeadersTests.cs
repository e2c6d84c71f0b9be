using Granary.Serving.Authentication;

namespace Granary.Serving.Tests.Authentication;

public sealed class RateLimitHeadersTests
{
    [Theory]
    [InlineData(20, "20ms")]
    [InlineData(999.2, "1000ms")]
    [InlineData(1000, "1s")]
    [InlineData(1500, "1.5s")]
    [InlineData(59_000, "59s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(360_000, "6m0s")]
    [InlineData(61_250, "1m1.25s")]
    public void Durations_are_written_as_openai_writes_them(double milliseconds, string expected)
    {
        Assert.Equal(expected, RateLimitHeaders.Duration(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
