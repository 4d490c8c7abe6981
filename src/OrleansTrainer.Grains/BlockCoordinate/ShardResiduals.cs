using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A data shard's side of block coordinate descent: its residuals r = y − Xw − b for one job, tagged with the versions
/// of the weight blocks they reflect, rebuilt from the blocks' weights whenever the tag is not what a request expects (a
/// fresh activation, a step missed in a crash) and brought up to date as blocks commit.
/// </summary>
/// <remarks>
/// The residuals are a function of the blocks' weights alone, whatever the path to them, so that a shard that lost them
/// rebuilds the same bits and a job interrupted by a silo's loss or arrival ends with the weights of an uninterrupted run.
/// So a commit does not subtract X_b·Δ from the residuals (their bits would then depend on the history of steps): the
/// shard keeps each block's predictions p_b = X_b·w_b, replaces the committed block's, and forms r = y − (p_0 + … + p_B−1)
/// in block order. The cost over the subtraction is B additions per row and B·rows doubles of memory.
/// </remarks>
internal sealed class ShardResiduals(IGrainFactory grains, string shardKey)
{
    private readonly Dictionary<(int Start, int Length, double[] Weights), double[]> _grams = [];
    private string _job = "";
    private long[] _versions = [];
    private double[] _residuals = [];
    private int[] _starts = [];
    private double[][] _weights = [];
    private double[][] _predictions = [];

    /// <summary>The statistics of one block's coordinates at residuals that reflect <c>request.BlockVersions</c>.</summary>
    public async Task<BlockStatistics> StatisticsAsync(BlockStatisticsRequest request, ShardRows rows)
    {
        if (_job != request.Spec.Name || !_versions.AsSpan().SequenceEqual(request.BlockVersions))
        {
            await RecomputeAsync(request, rows);
        }

        var started = Stopwatch.GetTimestamp();
        var columns = request.Length;
        var gram = Gram(request.Start, columns, request.Features, rows);
        var correlation = new double[columns];
        double loss = 0, weightSum = 0;
        for (var i = 0; i < rows.Rows; i++)
        {
            var s = rows.Weights.Length == 0 ? 1.0 : rows.Weights[i];
            var r = _residuals[i];
            loss += s * r * r / 2;
            weightSum += s;
            for (var c = 0; c < columns; c++)
            {
                correlation[c] += s * Feature(rows, i, request.Start + c, request.Features) * r;
            }
        }

        return new BlockStatistics
        {
            Gram = new PackedVector { Bytes = DenseBuffers.ToBytes(gram) },
            Correlation = new PackedVector { Bytes = DenseBuffers.ToBytes(correlation) },
            LossSum = loss,
            WeightSum = weightSum,
            Rows = rows.Rows,
            ComputeMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
    }

    /// <summary>Applies a block's change if the residuals are at its from-versions; otherwise forgets them (they are rebuilt when next needed).</summary>
    public void Apply(ResidualUpdate update, ShardRows rows)
    {
        var block = Array.IndexOf(_starts, update.Start);
        if (_job != update.Job || !_versions.AsSpan().SequenceEqual(update.FromVersions) || block < 0)
        {
            _job = "";
            return;
        }

        // The block's new weights as it computed them (BlockSteps.SolveCoordinates: w + Δ), so the same bits.
        var weights = _weights[block].ToArray();
        var delta = DenseBuffers.AsDoubles(update.Delta.Bytes);
        for (var c = 0; c < weights.Length; c++)
        {
            weights[c] += delta[c];
        }

        _weights[block] = weights;
        _predictions[block] = Predictions(rows, update.Start, weights, update.Features);
        Residuals(rows);
        _versions = [.. update.ToVersions];
    }

    /// <summary>Forgets the residuals if they are <paramref name="job"/>'s (it was deleted): they are recomputed when next needed.</summary>
    public void Forget(string job)
    {
        if (_job == job)
        {
            (_job, _versions, _residuals, _starts, _weights, _predictions) = ("", [], [], [], [], []);
        }
    }

    private async Task RecomputeAsync(BlockStatisticsRequest request, ShardRows rows)
    {
        var spec = request.Spec;
        var snapshots = await Task.WhenAll(Enumerable.Range(0, spec.WeightBlocks)
            .Select(b => grains.WeightBlock(spec.Name, b).GetSnapshotAsync()));
        for (var b = 0; b < snapshots.Length; b++)
        {
            if (snapshots[b].Version != request.BlockVersions[b])
            {
                throw new InvalidOperationException($"Shard {shardKey}: weight block {b} of job {spec.Name} is at version {snapshots[b].Version}, expected {request.BlockVersions[b]}.");
            }
        }

        _starts = [.. snapshots.Select(s => s.Start)];
        _weights = [.. snapshots.Select(s => DenseBuffers.AsDoubles(s.Weights.Bytes).ToArray())];
        _predictions = [.. snapshots.Select((s, b) => Predictions(rows, s.Start, _weights[b], request.Features))];
        Residuals(rows);
        (_job, _versions) = (spec.Name, [.. request.BlockVersions]);
    }

    /// <summary>p_b = X_b·w_b for the block of weights <paramref name="weights"/> starting at parameter <paramref name="start"/>.</summary>
    private static double[] Predictions(ShardRows rows, int start, ReadOnlySpan<double> weights, int features)
    {
        var predictions = new double[rows.Rows];
        for (var i = 0; i < predictions.Length; i++)
        {
            double prediction = 0;
            for (var c = 0; c < weights.Length; c++)
            {
                prediction += Feature(rows, i, start + c, features) * weights[c];
            }

            predictions[i] = prediction;
        }

        return predictions;
    }

    /// <summary>r = y − (p_0 + … + p_B−1), the blocks' predictions added in block order.</summary>
    private void Residuals(ShardRows rows)
    {
        var residuals = _residuals.Length == rows.Rows ? _residuals : new double[rows.Rows];
        for (var i = 0; i < residuals.Length; i++)
        {
            double prediction = 0;
            foreach (var block in _predictions)
            {
                prediction += block[i];
            }

            residuals[i] = rows.Labels[i] - prediction;
        }

        _residuals = residuals;
    }

    /// <summary>
    /// G = Σ s·x_b·x_bᵀ over the block's coordinates: it depends on the rows and their weights only, so it is computed once
    /// per block range and weight vector (a job's validation split weighs its held-out rows 0: another vector, by reference).
    /// </summary>
    private double[] Gram(int start, int columns, int features, ShardRows rows)
    {
        if (_grams.TryGetValue((start, columns, rows.Weights), out var cached))
        {
            return cached;
        }

        var gram = new double[columns * columns];
        for (var i = 0; i < rows.Rows; i++)
        {
            var s = rows.Weights.Length == 0 ? 1.0 : rows.Weights[i];
            for (var a = 0; a < columns; a++)
            {
                var xa = s * Feature(rows, i, start + a, features);
                for (var c = 0; c < columns; c++)
                {
                    gram[a * columns + c] += xa * Feature(rows, i, start + c, features);
                }
            }
        }

        return _grams[(start, columns, rows.Weights)] = gram;
    }

    /// <summary>Feature <paramref name="parameter"/> of row <paramref name="row"/>; the intercept's (parameter = features) is 1.</summary>
    private static double Feature(ShardRows rows, int row, int parameter, int features) =>
        parameter == features ? 1.0
        : rows.FeatureType == FeatureType.Float64 ? rows.Features64[(long)row * features + parameter] : rows.Features32[(long)row * features + parameter];
}
