namespace OrleansTrainer.Client.Tests.Ingest;

/// <summary>
/// Measures what reading rows allocates once the reader is warm. The reads are measured in <see cref="Runs"/> runs
/// apart and the least is returned: an allocation made by each read shows in every run, while a one-off allocation the
/// runtime makes on the test's thread while the loop runs (a method tiering up or being compiled on stack replacement,
/// at a moment the test does not control) shows in one run only and is not charged to the reader.
/// </summary>
internal static class SteadyStateAllocation
{
    /// <summary>How many runs the reads are split into.</summary>
    public const int Runs = 4;

    /// <summary>Calls <paramref name="readRow"/> <paramref name="reads"/> times, each expected to return a row, and returns the fewest bytes allocated on this thread in one of the runs.</summary>
    public static async Task<long> LeastBytesPerRunAsync(int reads, Func<ValueTask<bool>> readRow)
    {
        Assert.True(reads >= Runs, $"at least {Runs} reads are needed, one per run");
        long least = long.MaxValue;
        int perRun = reads / Runs;
        for (int run = 0; run < Runs; run++)
        {
            int count = run == Runs - 1 ? reads - perRun * (Runs - 1) : perRun;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < count; i++)
            {
                Assert.True(await readRow(), "the reader ran out of rows before the measured reads ended");
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
