using Granary.Tokenization.Models;

namespace Granary.Tokenization.Tests.Models;

public sealed class BpeWordTests
{
    [Fact]
    public void ScanningAndQueueingPickTheSameMerges()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            // A random merge table over 6 base symbols; merged symbols get fresh ids.
            var merges = new BpeMerges(64);
            var nextId = 6;
            for (var rank = 0; rank < 40; rank++)
            {
                merges.Add(random.Next(nextId), random.Next(nextId), rank, nextId++);
            }

            var word = new BpeWord();
            for (var i = 0; i < random.Next(2, 40); i++)
            {
                word.Add(random.Next(6));
            }

            Assert.Equal(word.MergeWithQueue(merges), word.MergeByScanning(merges));
        }
    }

    [Fact]
    public void LaterDuplicateMergeWins()
    {
        var merges = new BpeMerges(2);
        merges.Add(1, 2, 0, 10);
        merges.Add(1, 2, 5, 11);
        Assert.True(merges.TryGet(1, 2, out var rank, out var merged));
        Assert.Equal((5, 11), (rank, merged));
    }
}
