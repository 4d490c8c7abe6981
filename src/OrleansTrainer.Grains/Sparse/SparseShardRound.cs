using System.Diagnostics;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// A round of a shard with sparse rows: pull only the weights its rows touch (deduplicated, grouped per block), one
/// loss-and-gradient pass over renumbered columns, push only the non-zero gradient entries to each block. Where the rows
/// touch so much of a block that keys and values would outweigh the block's dense vector (more than 2/3 of it), that
/// block is pulled and pushed dense: the sums are the same either way.
/// </summary>
internal sealed class SparseShardRound(IGrainFactory grains)
{
    private const int KeyBytes = sizeof(int);
    private const int ValueBytes = sizeof(double);

    /// <summary>Runs round <c>request.Round</c> of a BSP job over <paramref name="batch"/>.</summary>
    public async Task<ShardRoundResult> RunAsync(ShardRoundRequest request, SparseBatch batch, ParameterLayout layout)
    {
        var spec = request.Spec;
        var blocks = new BlockLayout(layout.Length, spec.WeightBlocks);
        var m = batch.Columns.Length;
        int[] keys = layout.FitIntercept ? [.. batch.Columns, layout.InterceptIndex(0)] : batch.Columns;
        var segments = Segments(keys, blocks);

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

        var started = Stopwatch.GetTimestamp();
        var gradient = new double[keys.Length];
        var intercept = layout.FitIntercept ? parameters[m] : 0;
        var sums = GradientKernel.Accumulate(ShardGradient.LossOf(spec), batch.Local, batch.Labels, batch.Weights,
            parameters.AsSpan(0, m), intercept, gradient.AsSpan(0, m));
        if (layout.FitIntercept)
        {
            gradient[m] = sums.InterceptGradient;
        }

        var computeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        long pushed = 0;
        var pushes = new Task[blocks.Blocks];
        for (var b = 0; b < blocks.Blocks; b++)
        {
            var (start, length) = blocks.Range(b);
            if (dense[b])
            {
                var slice = Dense(keys, gradient, segments[b], start, length);
                pushed += slice.Bytes.Length;
                pushes[b] = Block(spec.Name, b).PushAsync(request.Round, request.ShardIndex, slice, sums.WeightSum);
            }
            else
            {
                var slice = NonZeros(keys, gradient, segments[b], start);
                pushed += slice.Offsets.Bytes.Length + slice.Values.Bytes.Length;
                pushes[b] = Block(spec.Name, b).PushSparseAsync(request.Round, request.ShardIndex, slice, sums.WeightSum);
            }
        }

        await Task.WhenAll(pushes);
        return new ShardRoundResult
        {
            LossSum = sums.Loss,
            Rows = sums.Rows,
            WeightSum = sums.WeightSum,
            ComputeMilliseconds = computeMs,
            PulledVersion = request.Round,
            BytesMoved = pulled + pushed,
            DenseBytes = 2L * layout.Length * ValueBytes,
        };
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

    private IWeightBlockGrain Block(string job, int index) => grains.GetGrain<IWeightBlockGrain>(GrainKeys.Child(job, index));
}
