namespace OrleansTrainer.Grains;

/// <summary>
/// How a parameter vector of <see cref="Length"/> entries is split into contiguous weight blocks: the first
/// <c>Length % Blocks</c> blocks get one entry more than the others.
/// </summary>
public readonly record struct BlockLayout(int Length, int Blocks)
{
    /// <summary>The half-open range of parameters block <paramref name="block"/> owns.</summary>
    public (int Start, int Length) Range(int block)
    {
        var baseSize = Length / Blocks;
        var remainder = Length % Blocks;
        var start = block * baseSize + Math.Min(block, remainder);
        return (start, baseSize + (block < remainder ? 1 : 0));
    }
}
