namespace OrleansTrainer.Numerics;

/// <summary>
/// The Gram micro-kernel: for one packed panel (both sides in the layout of <see cref="GramPanel"/>),
/// adds the 4 × 8 tiles of sum_i a_i b_iᵀ that touch the upper triangle into the accumulator, each
/// tile's sum over the panel's rows taken in row order.
/// </summary>
internal interface IGramTiles
{
    /// <summary>
    /// Adds the upper-triangle tiles of aᵀb over <paramref name="rows"/> packed rows into <paramref name="sums"/>
    /// (<see cref="GramLayout.Width"/>² row-major; entries below the diagonal of a diagonal tile are
    /// written too, and never read). While the tiles run, the kernel may prefetch <paramref name="upcoming"/>
    /// (the raw rows of the next panel) into cache, so that packing them does not wait on memory.
    /// </summary>
    static abstract void Accumulate(
        in GramLayout layout, ReadOnlySpan<double> a, ReadOnlySpan<double> b, int rows, Span<double> sums, ReadOnlySpan<byte> upcoming);
}
