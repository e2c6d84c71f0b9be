using System.Threading.Channels;
using Granary.Engine.Abstractions;
using Granary.Engine.Constraints;
using Granary.Engine.KvCache;
using Granary.Engine.Multimodal;
using Granary.Engine.Scheduling;
using Granary.Engine.Tests.Support;
using Granary.Tokenization;
using static TorchSharp.torch;

namespace Granary.Engine.Tests.Multimodal;

/// <summary>The vision encoder's patches count against the step's token budget, once per image.</summary>
public sealed class EncoderBudgetTests
{
    [Fact]
    public void A_chunk_stops_before_an_image_it_cannot_afford_and_the_image_is_charged_once()
    {
        var tokenizer = PretrainedTokenizer.FromDirectory(Fixtures.Model(TinyLlava.Name));
        var scheduler = new Scheduler(new SchedulerConfig { MaxNumBatchedTokens = 20 }, new KvBlockManager(16, 16));
        var factory = new SequenceFactory(tokenizer, scheduler, new ConstraintVocabulary(tokenizer, new HashSet<int> { 4 }, []));
        var channel = Channel.CreateUnbounded<GenerationEvent>();
        var image = new PromptImage(1, 16, new float[3 * 32 * 32], 32, 32);
        using var withImage = new RequestState("image", TinyLlava.Golden(0).InputIds, new SamplingParams(), channel.Writer, CPU) { Images = [image] };
        using var text = new RequestState("text", Enumerable.Range(10, 40).ToArray(), new SamplingParams(), channel.Writer, CPU);
        scheduler.Add(factory.CreateFirst(withImage));
        scheduler.Add(factory.CreateFirst(text));

        // 20 tokens would reach the image, whose 16 patches do not fit beside them: the chunk stops at it.
        var first = scheduler.Schedule();
        Assert.Equal([1, 19], first.Select(s => s.TokenCount));
        Assert.False(image.EncoderScheduled);
        scheduler.Complete(first);

        // Starting at the image, it runs first in the step, charged its 16 patches: nothing else fits.
        var second = scheduler.Schedule();
        Assert.Equal((withImage.Id, 20), (second.Single().Sequence.Request.Id, second.Single().TokenCount));
        Assert.True(image.EncoderScheduled);
        scheduler.Complete(second);

        // Encoded: the rest of the prompt costs only its tokens.
        var third = scheduler.Schedule();
        Assert.Equal([8, 12], third.Select(s => s.TokenCount));
    }
}
