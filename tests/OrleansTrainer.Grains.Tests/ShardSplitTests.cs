using OrleansTrainer.Abstractions;
using OrleansTrainer.Grains;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains.Tests;

/// <summary>A shard's rows divided by a split: against the rule row by row, and mini-batches that visit training rows only.</summary>
public sealed class ShardSplitTests
{
    [Fact]
    public void The_shard_holds_out_exactly_the_rows_whose_global_number_the_rule_holds_out()
    {
        var rows = Rows(1_000, weighted: true);
        var rule = new RowSplit(Seed: 5, Fraction: 0.3, Folds: 0, Fold: 0);
        var split = ShardSplit.Create(rows, shardIndex: 2, shardCount: 3, rule);

        var heldOut = Enumerable.Range(0, rows.Rows).Where(j => rule.IsHeldOut(2 + 3L * j)).ToArray();
        Assert.Equal(heldOut, split.HeldOut);
        Assert.Equal(Enumerable.Range(0, rows.Rows).Except(heldOut), split.Training);
        Assert.InRange(heldOut.Length, 240, 360);
        Assert.All(split.HeldOut, j => Assert.Equal(0.0, split.TrainingRows.Weights[j]));
        Assert.All(split.Training, j => Assert.Equal(rows.Weights[j], split.TrainingRows.Weights[j]));
        Assert.Equal(split.Training.Sum(j => rows.Weights[j]), split.TrainingWeight, 12);
        Assert.Same(rows.Labels, split.TrainingRows.Labels);
    }

    [Fact]
    public void The_folds_of_one_seed_partition_the_rows()
    {
        var counts = new int[5];
        for (long i = 0; i < 10_000; i++)
        {
            var folds = Enumerable.Range(0, 5).Where(f => new RowSplit(9, 0, 5, f).IsHeldOut(i)).ToArray();
            Assert.Single(folds);
            counts[folds[0]]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 1_850, 2_150));
    }

    [Fact]
    public void Mini_batches_of_a_split_job_visit_every_training_row_once_an_epoch_and_no_held_out_row()
    {
        var rows = Rows(600, weighted: false);
        var split = ShardSplit.Create(rows, shardIndex: 0, shardCount: 1, new RowSplit(1, 0.25, 0, 0));
        var training = new ShardTraining(rows, split, new MiniBatchCursor(seed: 3, shardIndex: 0, shardRows: split.Training.Length));
        var batch = 7;
        var epochs = Enumerable.Range(0, split.Training.Length).SelectMany(r => training.GradientBatch(batch, r)!).ToArray();
        var epoch = epochs[..split.Training.Length];
        Assert.All(epochs, j => Assert.Contains(j, split.Training));

        Assert.Equal(split.Training, epoch.Order());
        Assert.Same(split.Training, training.GradientBatch(0, 0));
        Assert.Same(split.Training, training.GradientBatch(split.Training.Length, 0));
        Assert.Equal(split.TrainingWeight, training.TotalWeight);
        Assert.Null(new ShardTraining(rows, null, new MiniBatchCursor(3, 0, rows.Rows)).GradientBatch(0, 0));
    }

    private static ShardRows Rows(int count, bool weighted)
    {
        var rows = new ShardRows(count, 2, FeatureType.Float32, weighted);
        for (var i = 0; i < count; i++)
        {
            rows.Labels[i] = i;
            if (weighted)
            {
                rows.Weights[i] = 1 + i % 3;
            }
        }

        return rows;
    }
}
