namespace OrleansTrainer.Numerics;

/// <summary>
/// The parallel schedule every chunked kernel shares: chunks are computed on up to maxThreads threads
/// in waves of at most <see cref="ChunksPerThreadPerWave"/> chunks per thread, each into its own slot
/// of partial results, and after each wave the slots are reduced strictly in chunk order. The totals
/// are therefore the same bit for bit whichever thread computed which chunk.
/// </summary>
internal static class ChunkWaves
{
    /// <summary>Chunks handed to each thread per parallel wave; bounds the partial-result buffers.</summary>
    public const int ChunksPerThreadPerWave = 16;

    /// <summary>How many partial-result slots a run of <paramref name="chunkCount"/> chunks needs.</summary>
    public static int Slots(int chunkCount, int maxThreads) =>
        (int)Math.Min(chunkCount, (long)maxThreads * ChunksPerThreadPerWave);

    /// <summary>
    /// Calls <paramref name="compute"/>(chunk, slot) for every chunk, in parallel within a wave, and
    /// <paramref name="reduce"/>(chunk, slot) for every chunk in chunk order on the calling thread.
    /// </summary>
    public static void Run(int chunkCount, int maxThreads, Action<int, int> compute, Action<int, int> reduce)
    {
        int slots = Slots(chunkCount, maxThreads);
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads };
        for (int firstChunk = 0; firstChunk < chunkCount; firstChunk += slots)
        {
            int waveFirst = firstChunk;
            int waveSize = Math.Min(slots, chunkCount - firstChunk);
            Parallel.For(0, waveSize, options, slot => compute(waveFirst + slot, slot));
            for (int slot = 0; slot < waveSize; slot++)
            {
                reduce(waveFirst + slot, slot);
            }
        }
    }
}
