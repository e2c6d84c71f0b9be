namespace Granary.Structured.Tests.Support;

internal static class MaskBits
{
    public static bool IsSet(ReadOnlySpan<ulong> mask, int token) => (mask[token >> 6] & (1UL << token)) != 0;

    public static List<int> SetBits(ReadOnlySpan<ulong> mask, int size)
    {
        var result = new List<int>();
        for (var word = 0; word < mask.Length; word++)
        {
            var bits = mask[word];
            while (bits != 0)
            {
                var token = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                if (token < size)
                {
                    result.Add(token);
                }

                bits &= bits - 1;
            }
        }

        return result;
    }
}
