using System.Diagnostics;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.TransferBench;

/// <summary>Times a shard's calls to a weight block (<see cref="ITransferProbeGrain"/>); only the bench's silo has it.</summary>
public sealed class TransferProbeGrain : Grain, ITransferProbeGrain
{
    private PackedVector _sum = PackedVector.Empty;

    /// <inheritdoc />
    public async Task<RoundTimes> RoundAsync(string block, long round)
    {
        var weights = GrainFactory.GetGrain<IWeightBlockGrain>(block);
        var started = Stopwatch.GetTimestamp();
        var pulled = await weights.PullAsync(round);
        var pullMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (_sum.Bytes.Length != pulled.Bytes.Length)
        {
            // A small gradient, so that the step keeps the weights finite round after round.
            var sum = new double[pulled.Bytes.Length / sizeof(double)];
            Array.Fill(sum, 1e-6);
            _sum = new PackedVector { Bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(sum.AsSpan()).ToArray() };
        }

        started = Stopwatch.GetTimestamp();
        await weights.PushAsync(round, 0, _sum, 1.0);
        var pushMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        started = Stopwatch.GetTimestamp();
        await weights.CommitAsync(round, BlockCommitMode.Step);
        var commitMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return new RoundTimes { PullMs = pullMs, PushMs = pushMs, CommitMs = commitMs, Bytes = pulled.Bytes.Length };
    }
}
