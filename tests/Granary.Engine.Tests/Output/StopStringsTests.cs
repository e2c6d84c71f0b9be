using Granary.Engine.Output;

namespace Granary.Engine.Tests.Output;

public sealed class StopStringsTests
{
    [Fact]
    public void Finds_a_stop_that_straddles_the_new_text()
    {
        var stops = new StopStrings(["END", "xy"]);
        Assert.Equal((4, "END"), stops.Find("abc END!", 6));
        Assert.Null(stops.Find("abc EN", 5));
    }

    [Fact]
    public void The_earliest_match_wins()
    {
        var stops = new StopStrings(["bc", "ab"]);
        Assert.Equal((0, "ab"), stops.Find("abc", 0));
    }

    [Fact]
    public void Holds_back_only_a_tail_that_can_still_become_a_stop()
    {
        var stops = new StopStrings(["</answer>", "\n\n"]);
        Assert.Equal(5, stops.HoldBack("done </ans"));
        Assert.Equal(1, stops.HoldBack("line\n"));
        Assert.Equal(0, stops.HoldBack("nothing here"));
        Assert.Equal(0, new StopStrings([]).HoldBack("abc"));
    }
}
