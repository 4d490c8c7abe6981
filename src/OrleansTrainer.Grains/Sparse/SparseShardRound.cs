using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A round of a shard with sparse rows: pull only the weights its rows touch (deduplicated, grouped per block), one
/// loss-and-gradient pass over renumbered columns, push only the non-zero gradient entries to each block. Where the rows
/// touch so much of a block that keys and values would outweigh the block's dense vector (more than 2/3 of it), that
/// block is pulled and pushed dense: the sums are the same either way. A round is either one gradient pass or a local
/// SGD walk over the shard's rows whose model change is pushed for the blocks to average. Softmax models pull and push
/// each touched column's weight of every class.
/// </summary>
internal sealed class SparseShardRound(IGrainFactory grains)
{
    private const int KeyBytes = sizeof(int);
    private const int ValueBytes = sizeof(double);

    /// <summary>Runs round <c>request.Round</c> of a BSP job over <paramref name="batch"/>: one loss-and-gradient pass.</summary>
    public async Task<ShardRoundResult> RunAsync(ShardRoundRequest request, SparseBatch batch, ParameterLayout layout)
    {
        var exchange = await PullAsync(request, batch, layout);
        var parameters = exchange.Parameters;
        var started = Stopwatch.GetTimestamp();
        var gradient = new double[parameters.Length];
        var sums = layout.Outputs == 1 ? Binary(request.Spec, batch, layout, parameters, gradient) : Softmax(batch, layout, parameters, gradient);
        var computeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        TrainerTelemetry.ShardPhase(TrainerTelemetry.Compute, started);
        return await exchange.PushAsync(gradient, sums.WeightSum, sums, computeMs);
    }

    /// <summary>One output: weights over the batch's m columns, then the intercept.</summary>
    private static GradientSums Binary(JobSpec spec, SparseBatch batch, ParameterLayout layout, double[] parameters, double[] gradient)
    {
        var m = batch.Columns.Length;
        var intercept = layout.FitIntercept ? parameters[m] : 0;
        var sums = GradientKernel.Accumulate(ModelRegistry.Of(spec.Model).LossOf(spec), batch.Local, batch.Labels, batch.Weights,
            parameters.AsSpan(0, m), intercept, gradient.AsSpan(0, m));
        if (layout.FitIntercept)
        {
            gradient[m] = sums.InterceptGradient;
        }

        return sums;
    }

    /// <summary>K outputs: K rows of weights over the batch's m columns (class-major, as the keys), then K intercepts.</summary>
    private static GradientSums Softmax(SparseBatch batch, ParameterLayout layout, double[] parameters, double[] gradient)
    {
        var weights = layout.Outputs * batch.Columns.Length;
        var intercepts = layout.FitIntercept ? parameters.AsSpan(weights, layout.Outputs) : new double[layout.Outputs];
        var interceptGradient = layout.FitIntercept ? gradient.AsSpan(weights, layout.Outputs) : new double[layout.Outputs];
        return SoftmaxKernel.AccumulateSparse(batch.Local, batch.Labels, batch.Weights, layout.Outputs,
            parameters.AsSpan(0, weights), intercepts, gradient.AsSpan(0, weights), interceptGradient);
    }

    /// <summary>
    /// The parameters a batch touches, ascending: output k's weight of each column (<c>k·Columns + column</c>) for every
    /// output, then the intercepts.
    /// </summary>
    private static int[] Keys(int[] columns, ParameterLayout layout)
    {
        var keys = new int[(layout.Outputs * columns.Length) + (layout.FitIntercept ? layout.Outputs : 0)];
        for (var k = 0; k < layout.Outputs; k++)
        {
            var offset = k * layout.Columns;
            for (var i = 0; i < columns.Length; i++)
            {
                keys[(k * columns.Length) + i] = offset + columns[i];
            }
        }

        for (var k = 0; layout.FitIntercept && k < layout.Outputs; k++)
        {
            keys[(layout.Outputs * columns.Length) + k] = layout.InterceptIndex(k);
        }

        return keys;
    }

    /// <summary>
    /// Runs round <c>request.Round</c> of local SGD: from the pulled model, <see cref="JobSpec.LocalSteps"/> steps of
    /// <c>request.BatchRows</c> rows each (the rows of <paramref name="order"/>, indices into <paramref name="rows"/>),
    /// then the model change times the shard's instance weight <paramref name="shardWeight"/> is pushed for the blocks
    /// to average.
    /// </summary>
    public async Task<ShardRoundResult> RunLocalSgdAsync(ShardRoundRequest request, SparseBatch rows, int[] order, double shardWeight, ParameterLayout layout)
    {
        var exchange = await PullAsync(request, rows, layout);
        var start = exchange.Parameters;
        var model = (double[])start.Clone();
        var started = Stopwatch.GetTimestamp();
        var sums = layout.Outputs == 1 ? WalkBinary(request, rows, order, layout, model) : WalkSoftmax(request, rows, order, layout, model);
        for (var i = 0; i < model.Length; i++)
        {
            model[i] = (model[i] - start[i]) * shardWeight;
        }

        var computeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        TrainerTelemetry.ShardPhase(TrainerTelemetry.Compute, started);
        return await exchange.PushAsync(model, shardWeight, sums, computeMs);
    }

    private static GradientSums WalkBinary(ShardRoundRequest request, SparseBatch rows, int[] order, ParameterLayout layout, double[] model)
    {
        var m = rows.Columns.Length;
        var intercept = layout.FitIntercept ? model[m] : 0;
        var sums = SparseSgd.Run(ModelRegistry.Of(request.Spec.Model).LossOf(request.Spec), rows.Local, rows.Labels, rows.Weights, order, request.BatchRows,
            request.LocalLearningRate, request.Spec.L2, layout.FitIntercept, model.AsSpan(0, m), ref intercept);
        if (layout.FitIntercept)
        {
            model[m] = intercept;
        }

        return sums;
    }

    private static GradientSums WalkSoftmax(ShardRoundRequest request, SparseBatch rows, int[] order, ParameterLayout layout, double[] model)
    {
        var weights = layout.Outputs * rows.Columns.Length;
        var intercepts = layout.FitIntercept ? model.AsSpan(weights, layout.Outputs) : new double[layout.Outputs];
        return SparseSoftmaxSgd.Run(rows.Local, rows.Labels, rows.Weights, order, request.BatchRows, layout.Outputs,
            request.LocalLearningRate, request.Spec.L2, layout.FitIntercept, model.AsSpan(0, weights), intercepts);
    }

    /// <summary>Pulls the weights of the batch's columns (and the intercept) from their blocks, each sparse or dense by size.</summary>
    private async Task<Exchange> PullAsync(ShardRoundRequest request, SparseBatch batch, ParameterLayout layout)
    {
        var spec = request.Spec;
        var blocks = new BlockLayout(layout.Length, spec.WeightBlocks);
        var keys = Keys(batch.Columns, layout);
        var segments = Segments(keys, blocks);

        var started = Stopwatch.GetTimestamp();
        var dense = new bool[blocks.Blocks];
        var parameters = new double[keys.Length];
        var pulls = new Task<PackedVector>?[blocks.Blocks];
        long pulled = 0;
        for (var b = 0; b < blocks.Blocks; b++)
        {
            var (start, length) = blocks.Range(b);
            dense[b] = (long)segments[b].Count * (KeyBytes + ValueBytes) > (long)length * ValueBytes;
            if (dense[b])
            {
                pulls[b] = Block(spec.Name, b).PullAsync(request.Round);
                pulled += (long)length * ValueBytes;
            }
            else if (segments[b].Count > 0)
            {
                pulls[b] = Block(spec.Name, b).PullKeysAsync(request.Round, SparseOffsets.Pack(Offsets(keys, segments[b], start)));
                pulled += (long)segments[b].Count * (KeyBytes + ValueBytes);
            }
        }

        await Task.WhenAll(pulls.OfType<Task<PackedVector>>());
        for (var b = 0; b < blocks.Blocks; b++)
        {
            if (pulls[b] is { } pull)
            {
                var values = DenseBuffers.AsDoubles(pull.Result.Bytes);
                var (start, _) = blocks.Range(b);
                for (var i = 0; i < segments[b].Count; i++)
                {
                    parameters[segments[b].First + i] = dense[b] ? values[keys[segments[b].First + i] - start] : values[i];
                }
            }
        }

        TrainerTelemetry.ShardPhase(TrainerTelemetry.Pull, started);
        return new Exchange(this, request, blocks, keys, segments, dense, parameters, pulled, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>What a round pulled, and how to push values for the same keys back.</summary>
    private sealed record Exchange(
        SparseShardRound Round, ShardRoundRequest Request, BlockLayout Blocks, int[] Keys, (int First, int Count)[] Segments, bool[] DenseBlocks,
        double[] Parameters, long PulledBytes, double PullMilliseconds)
    {
        /// <summary>Pushes <paramref name="values"/> (one per key) to the blocks, dense where the pull was; returns the round's result.</summary>
        public async Task<ShardRoundResult> PushAsync(double[] values, double weightSum, GradientSums sums, double computeMilliseconds)
        {
            var started = Stopwatch.GetTimestamp();
            long pushed = 0;
            var pushes = new Task[Blocks.Blocks];
            for (var b = 0; b < Blocks.Blocks; b++)
            {
                var (start, length) = Blocks.Range(b);
                var block = Round.Block(Request.Spec.Name, b);
                if (DenseBlocks[b])
                {
                    var slice = Dense(Keys, values, Segments[b], start, length);
                    pushed += slice.Bytes.Length;
                    pushes[b] = block.PushAsync(Request.Round, Request.ShardIndex, slice, weightSum);
                }
                else
                {
                    var slice = NonZeros(Keys, values, Segments[b], start);
                    pushed += slice.Offsets.Bytes.Length + slice.Values.Bytes.Length;
                    pushes[b] = block.PushSparseAsync(Request.Round, Request.ShardIndex, slice, weightSum);
                }
            }

            await Task.WhenAll(pushes);
            TrainerTelemetry.ShardPhase(TrainerTelemetry.Push, started);
            return new ShardRoundResult
            {
                LossSum = sums.Loss,
                Rows = sums.Rows,
                WeightSum = sums.WeightSum,
                ComputeMilliseconds = computeMilliseconds,
                PulledVersion = Request.Round,
                BytesMoved = PulledBytes + pushed,
                DenseBytes = 2L * Blocks.Length * ValueBytes,
                PullMilliseconds = PullMilliseconds,
                PushMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            };
        }
    }

    /// <summary>For each block, the run of <paramref name="keys"/> (sorted) inside its range.</summary>
    private static (int First, int Count)[] Segments(int[] keys, BlockLayout blocks)
    {
        var segments = new (int First, int Count)[blocks.Blocks];
        var first = 0;
        for (var b = 0; b < blocks.Blocks; b++)
        {
            var (start, length) = blocks.Range(b);
            var end = first;
            while (end < keys.Length && keys[end] < start + length)
            {
                end++;
            }

            segments[b] = (first, end - first);
            first = end;
        }

        return segments;
    }

    private static int[] Offsets(int[] keys, (int First, int Count) segment, int blockStart)
    {
        var offsets = new int[segment.Count];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = keys[segment.First + i] - blockStart;
        }

        return offsets;
    }

    private static PackedVector Dense(int[] keys, double[] gradient, (int First, int Count) segment, int blockStart, int blockLength)
    {
        var values = new double[blockLength];
        for (var i = segment.First; i < segment.First + segment.Count; i++)
        {
            values[keys[i] - blockStart] = gradient[i];
        }

        return new PackedVector { Bytes = DenseBuffers.ToBytes(values) };
    }

    private static SparseSlice NonZeros(int[] keys, double[] gradient, (int First, int Count) segment, int blockStart)
    {
        var offsets = new List<int>(segment.Count);
        var values = new List<double>(segment.Count);
        for (var i = segment.First; i < segment.First + segment.Count; i++)
        {
            if (gradient[i] != 0)
            {
                offsets.Add(keys[i] - blockStart);
                values.Add(gradient[i]);
            }
        }

        return new SparseSlice { Offsets = SparseOffsets.Pack(offsets.ToArray()), Values = new PackedVector { Bytes = DenseBuffers.ToBytes(values.ToArray()) } };
    }

    private IWeightBlockGrain Block(string job, int index) => grains.WeightBlock(job, index);
}
