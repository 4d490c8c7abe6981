namespace OrleansTrainer.Grains;

/// <summary>
/// The rows one job trains on in one shard — all of them, or the training rows of its split — and the mini-batches
/// drawn over them: batch positions index the training rows, so a split job's epochs visit training rows only.
/// </summary>
internal sealed class ShardTraining(ShardRows rows, ShardSplit? split, MiniBatchCursor cursor)
{
    /// <summary>The rows for passes that read every row: held-out rows, if any, weigh 0.</summary>
    public ShardRows Rows => split?.TrainingRows ?? rows;

    /// <summary>The split; null when the job trains on every row.</summary>
    public ShardSplit? Split => split;

    /// <summary>The number of training rows.</summary>
    public int Count => split?.Training.Length ?? rows.Rows;

    /// <summary>Sum of the training rows' instance weights: the shard's share in model averaging.</summary>
    public double TotalWeight => split?.TrainingWeight ?? rows.TotalWeight;

    /// <summary>Every training row (local indices); null when that is every row.</summary>
    public int[]? All => split?.Training;

    /// <summary>The rows of a gradient round: round <paramref name="round"/>'s batch of <paramref name="batchRows"/> training rows, or every training row (0, or no fewer than there are).</summary>
    public int[]? GradientBatch(int batchRows, long round) =>
        batchRows > 0 && batchRows < Count ? ToRows(cursor.RowsForRound(batchRows, round)) : All;

    /// <summary>The rows of local step <paramref name="step"/>: its batch of training rows (a batch may span epochs), or every training row when <paramref name="batchRows"/> is 0.</summary>
    public int[]? StepBatch(int batchRows, long step) => batchRows > 0 ? ToRows(cursor.RowsForRound(batchRows, step)) : All;

    /// <summary>Positions in the training rows (not local rows) of <paramref name="count"/> draws starting at step <paramref name="step"/>.</summary>
    public int[] Positions(int count, long step) => cursor.RowsForRound(count, step);

    private int[] ToRows(int[] positions) => split?.ToRows(positions) ?? positions;
}
