using static TorchSharp.torch;

namespace Granary.Engine.Models;

/// <summary>Batch rows [Row, Row + Count) take image feature rows [From, From + Count) of <paramref name="Features"/> ([tokens, hidden]).</summary>
internal sealed record ImageSlice(int Row, Tensor Features, int From, int Count);
