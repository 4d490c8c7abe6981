using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// One shard's rows divided into those a job trains on and those it holds out (<see cref="RowSplit"/>). Rows reach
/// shard s of S round-robin at ingestion, so local row j is global row s + j·S. The gradient paths take the training
/// rows as an index list; the passes that read every row (normal equations, block coordinate descent) take
/// <see cref="TrainingRows"/>, the same rows with weight 0 on the held-out ones.
/// </summary>
internal sealed class ShardSplit
{
    private ShardSplit(RowSplit split, int[] training, int[] heldOut, ShardRows trainingRows, double trainingWeight)
    {
        Split = split;
        Training = training;
        HeldOut = heldOut;
        TrainingRows = trainingRows;
        TrainingWeight = trainingWeight;
    }

    /// <summary>The rule the rows were divided by.</summary>
    public RowSplit Split { get; }

    /// <summary>Local indices of the rows trained on, ascending.</summary>
    public int[] Training { get; }

    /// <summary>Local indices of the rows held out, ascending.</summary>
    public int[] HeldOut { get; }

    /// <summary>The shard's rows with instance weight 0 on the held-out ones (features and labels shared, not copied).</summary>
    public ShardRows TrainingRows { get; }

    /// <summary>Sum of the training rows' instance weights (their count without weights).</summary>
    public double TrainingWeight { get; }

    /// <summary>The rule of a job's validation spec; null when the job holds no rows out of its own dataset.</summary>
    public static RowSplit? RuleOf(JobSpec spec) => spec.Validation is { SplitsRows: true } v
        ? new RowSplit(v.Seed, v.Fraction, v.Folds, v.Fold)
        : null;

    /// <summary>Divides shard <paramref name="shardIndex"/> of <paramref name="shardCount"/>'s rows by <paramref name="split"/>.</summary>
    public static ShardSplit Create(ShardRows rows, int shardIndex, int shardCount, RowSplit split)
    {
        var training = new List<int>(rows.Rows);
        var heldOut = new List<int>();
        var weights = new double[rows.Rows];
        double trainingWeight = 0;
        for (var j = 0; j < rows.Rows; j++)
        {
            if (split.IsHeldOut(shardIndex + (long)j * shardCount))
            {
                heldOut.Add(j);
            }
            else
            {
                training.Add(j);
                weights[j] = rows.Weights.Length == 0 ? 1.0 : rows.Weights[j];
                trainingWeight += weights[j];
            }
        }

        return new ShardSplit(split, [.. training], [.. heldOut], rows.WithWeights(weights), trainingWeight);
    }

    /// <summary>The local rows at <paramref name="positions"/> of the training list, in place.</summary>
    public int[] ToRows(int[] positions)
    {
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = Training[positions[i]];
        }

        return positions;
    }
}
