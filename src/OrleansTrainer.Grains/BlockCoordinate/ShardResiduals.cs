using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A data shard's side of block coordinate descent: its residuals r = y − Xw − b for one job, tagged with the versions
/// of the weight blocks they reflect, kept up to date as blocks commit (r −= X_b·Δ) and recomputed from the blocks'
/// weights whenever the tag is not what a request expects (a fresh activation, a step missed in a crash).
/// </summary>
internal sealed class ShardResiduals(IGrainFactory grains, string shardKey)
{
    private readonly Dictionary<(int Start, int Length, double[] Weights), double[]> _grams = [];
    private string _job = "";
    private long[] _versions = [];
    private double[] _residuals = [];

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

    /// <summary>Applies a block's change if the residuals are at its from-versions; otherwise forgets them (they are recomputed when next needed).</summary>
    public void Apply(ResidualUpdate update, ShardRows rows)
    {
        if (_job != update.Job || !_versions.AsSpan().SequenceEqual(update.FromVersions))
        {
            _job = "";
            return;
        }

        var delta = DenseBuffers.AsDoubles(update.Delta.Bytes);
        for (var i = 0; i < rows.Rows; i++)
        {
            double change = 0;
            for (var c = 0; c < delta.Length; c++)
            {
                change += Feature(rows, i, update.Start + c, update.Features) * delta[c];
            }

            _residuals[i] -= change;
        }

        _versions = [.. update.ToVersions];
    }

    /// <summary>Forgets the residuals if they are <paramref name="job"/>'s (it was deleted): they are recomputed when next needed.</summary>
    public void Forget(string job)
    {
        if (_job == job)
        {
            (_job, _versions, _residuals) = ("", [], []);
        }
    }

    private async Task RecomputeAsync(BlockStatisticsRequest request, ShardRows rows)
    {
        var spec = request.Spec;
        var snapshots = await Task.WhenAll(Enumerable.Range(0, spec.WeightBlocks)
            .Select(b => grains.WeightBlock(spec.Name, b).GetSnapshotAsync()));
        var parameters = new double[request.Features + (spec.FitIntercept ? 1 : 0)];
        for (var b = 0; b < snapshots.Length; b++)
        {
            if (snapshots[b].Version != request.BlockVersions[b])
            {
                throw new InvalidOperationException($"Shard {shardKey}: weight block {b} of job {spec.Name} is at version {snapshots[b].Version}, expected {request.BlockVersions[b]}.");
            }

            DenseBuffers.AsDoubles(snapshots[b].Weights.Bytes).CopyTo(parameters.AsSpan(snapshots[b].Start));
        }

        var residuals = new double[rows.Rows];
        for (var i = 0; i < residuals.Length; i++)
        {
            var prediction = spec.FitIntercept ? parameters[request.Features] : 0;
            for (var j = 0; j < request.Features; j++)
            {
                prediction += Feature(rows, i, j, request.Features) * parameters[j];
            }

            residuals[i] = rows.Labels[i] - prediction;
        }

        (_job, _versions, _residuals) = (spec.Name, [.. request.BlockVersions], residuals);
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
