namespace OrleansTrainer.Grains;

/// <summary>
/// How a weight block's versions map onto its two Redis records (docs/architecture.md, "Why a weight block alternates
/// between two records"): version v is written to record v mod 2, so a commit writes the new weights only and the other
/// record keeps the previous version's, which a redone round pulls.
/// </summary>
internal static class BlockRecords
{
    /// <summary>Whether version <paramref name="version"/> belongs in the odd record.</summary>
    public static bool IsOdd(long version) => version % 2 != 0;

    /// <summary>
    /// The record to store for <paramref name="next"/>: without its previous weights when the other record already holds
    /// them durably, that is when <paramref name="current"/> is what Redis holds and <paramref name="next"/> is one version on.
    /// </summary>
    public static WeightBlockState ToWrite(WeightBlockState current, WeightBlockState next, bool currentIsPersisted) =>
        currentIsPersisted && next.Version == current.Version + 1 ? next.WithoutPreviousWeights() : next;

    /// <summary>
    /// The state as the two records describe it: the newer record (the even one when neither is set up); its previous
    /// weights, when not stored with it, are the older record's weights if that record is exactly one version behind.
    /// </summary>
    public static WeightBlockState Current(WeightBlockState even, WeightBlockState odd)
    {
        var (newer, older) = odd.Setup is not null && (even.Setup is null || odd.Version > even.Version) ? (odd, even) : (even, odd);
        return newer.PreviousWeights.Length == 0 && older.Setup is not null && older.Version == newer.Version - 1
            ? newer with { PreviousWeights = older.Weights }
            : newer;
    }
}
