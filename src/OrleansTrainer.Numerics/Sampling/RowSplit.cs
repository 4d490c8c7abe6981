namespace OrleansTrainer.Numerics;

/// <summary>
/// Which rows of a dataset are held out, by a seeded hash of each row's global index: row i draws
/// u(i) = SplitMix64(SplitMix64(seed) ⊕ i) / 2^64 in [0, 1). With a fraction p the row is held out when u &lt; p; with k
/// folds it belongs to fold ⌊u·k⌋. The draw depends on the seed and the row alone, so the split is the same for any
/// shard count, placement and process, and folds of the same seed partition the rows.
/// </summary>
/// <param name="Seed">The seed of the hash.</param>
/// <param name="Fraction">The share held out when <paramref name="Folds"/> is 0.</param>
/// <param name="Folds">The number of folds k (0: a plain hold-out by <paramref name="Fraction"/>).</param>
/// <param name="Fold">The fold held out when <paramref name="Folds"/> &gt; 0.</param>
public readonly record struct RowSplit(ulong Seed, double Fraction, int Folds, int Fold)
{
    /// <summary>u(i) of global row <paramref name="row"/> under <paramref name="seed"/>: 53 uniform bits in [0, 1).</summary>
    public static double Draw(ulong seed, long row) => RandomBits.ToUnitDouble(SplitMix64.Mix(SplitMix64.Mix(seed) ^ (ulong)row));

    /// <summary>The fold of global row <paramref name="row"/> among <paramref name="folds"/>: ⌊u·k⌋, clamped against rounding up to k.</summary>
    public static int FoldOf(ulong seed, long row, int folds) => Math.Min((int)(Draw(seed, row) * folds), folds - 1);

    /// <summary>Whether global row <paramref name="row"/> is held out.</summary>
    public bool IsHeldOut(long row) => Folds > 0 ? FoldOf(Seed, row, Folds) == Fold : Draw(Seed, row) < Fraction;
}
