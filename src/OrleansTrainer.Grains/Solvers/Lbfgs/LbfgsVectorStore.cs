using System.Runtime.InteropServices;
using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// Keeps a trainer's L-BFGS vectors out of its grain state, in Redis keys of their own written as raw float64 bytes
/// before the trainer state that refers to them: each correction pair (s and y) once, under its generation; the
/// iterate (current point, its gradient, the direction and the point to evaluate) under the evaluation that produced
/// it. The state keeps only scalars and generations. Without it every round rewrote all m pairs (160 MB for m = 10 and
/// 2^20 parameters), and then the four iterate vectors through Orleans' grain storage (32 MB, 0.3–1 s a round at
/// 2^20). A key no longer referenced is deleted after the state that dropped it is written; a crash in between leaves
/// an unreferenced key that the next commit deletes.
/// </summary>
internal sealed class LbfgsVectorStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    /// <summary>Copies the correction pair in a memory slot: s into the first span, y into the second.</summary>
    public delegate void PairCopier(int slot, Span<double> step, Span<double> gradientChange);

    private readonly HashSet<long> _pairs = [];
    private readonly HashSet<long> _iterates = [];

    /// <summary>Forgets what was stored (a new job under the same trainer).</summary>
    public void Reset()
    {
        _pairs.Clear();
        _iterates.Clear();
    }

    /// <summary>
    /// Writes the pairs <paramref name="snapshot"/> refers to that are not stored yet (their vectors copied by
    /// <paramref name="copyPair"/> from the minimizer's memory slots) and its iterate; returns the snapshot without the
    /// iterate's vectors. Each value is built straight into the bytes Redis receives: no m × n copy of the memory.
    /// </summary>
    public async Task<LbfgsSnapshot> DetachAsync(string job, LbfgsSnapshot snapshot, PairCopier copyPair)
    {
        var dimension = snapshot.Current.Length;
        var db = redis.GetDatabase();
        var writes = new List<Task>();
        foreach (var slot in snapshot.UsedSlots())
        {
            var generation = snapshot.PairGenerations[slot];
            if (_pairs.Add(generation))
            {
                var pair = new byte[2 * dimension * sizeof(double)];
                var values = Doubles(pair);
                copyPair(slot, values[..dimension], values[dimension..]);
                writes.Add(db.StringSetAsync(keys.LbfgsPair(job, generation), pair));
            }
        }

        if (_iterates.Add(snapshot.Evaluations))
        {
            double[][] parts = [snapshot.Current, snapshot.CurrentGradient, snapshot.Direction, snapshot.PointToEvaluate];
            var iterate = new byte[parts.Length * dimension * sizeof(double)];
            var values = Doubles(iterate);
            for (var p = 0; p < parts.Length; p++)
            {
                parts[p].CopyTo(values[(p * dimension)..]);
            }

            writes.Add(db.StringSetAsync(keys.LbfgsIterate(job, snapshot.Evaluations), iterate));
        }

        try
        {
            await Task.WhenAll(writes);
        }
        catch
        {
            Reset();
            throw;
        }

        (snapshot.Current, snapshot.CurrentGradient, snapshot.Direction, snapshot.PointToEvaluate) = ([], [], [], []);
        return snapshot;
    }

    /// <summary>Deletes the stored vectors <paramref name="snapshot"/> no longer refers to.</summary>
    public async Task DeleteUnreferencedAsync(string job, LbfgsSnapshot snapshot)
    {
        var referenced = snapshot.UsedSlots().Select(slot => snapshot.PairGenerations[slot]).ToHashSet();
        var droppedPairs = _pairs.Where(g => !referenced.Contains(g)).ToArray();
        var droppedIterates = _iterates.Where(e => e != snapshot.Evaluations).ToArray();
        if (droppedPairs.Length + droppedIterates.Length > 0)
        {
            await RedisKeys.DeleteEachAsync(redis.GetDatabase(),
                [.. droppedPairs.Select(g => keys.LbfgsPair(job, g)), .. droppedIterates.Select(e => keys.LbfgsIterate(job, e))]);
            _pairs.ExceptWith(droppedPairs);
            _iterates.ExceptWith(droppedIterates);
        }
    }

    /// <summary>
    /// Deletes every L-BFGS key of <paramref name="job"/>, referenced or not (a crash between a commit and the deletion of
    /// what it dropped leaves unreferenced ones), found by scanning for the job's key pattern on every master (on a Redis
    /// Cluster each holds some of them; the job is being deleted).
    /// </summary>
    public static async Task DeleteJobAsync(IConnectionMultiplexer redis, RedisKeys keys, string job)
    {
        var db = redis.GetDatabase();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            var found = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(db.Database, keys.LbfgsKeysPattern(job)))
            {
                found.Add(key);
            }

            foreach (var batch in found.Chunk(1000))
            {
                await RedisKeys.DeleteEachAsync(db, batch);
            }
        }
    }

    /// <summary>Float64 values over bytes as Redis stores them: little-endian, as <see cref="DenseBuffers"/> writes and reads them.</summary>
    private static Span<double> Doubles(byte[] bytes) => MemoryMarshal.Cast<byte, double>(bytes.AsSpan());

    /// <summary>Reads the vectors of a snapshot from its state back into it.</summary>
    /// <exception cref="InvalidDataException">A referenced vector is missing or of the wrong size.</exception>
    public async Task<LbfgsSnapshot?> AttachAsync(string job, LbfgsSnapshot? snapshot)
    {
        if (snapshot is null)
        {
            return null;
        }

        var db = redis.GetDatabase();
        if (snapshot.Current.Length == 0)
        {
            var stored = await db.StringGetAsync(keys.LbfgsIterate(job, snapshot.Evaluations));
            var iterate = stored.IsNull ? [] : DenseBuffers.AsDoubles((byte[])stored!);
            if (iterate.Length == 0 || iterate.Length % 4 != 0)
            {
                throw new InvalidDataException($"Job {job}: the L-BFGS iterate of evaluation {snapshot.Evaluations} is missing from Redis or has {iterate.Length} values.");
            }

            var n = iterate.Length / 4;
            snapshot.Current = iterate[..n].ToArray();
            snapshot.CurrentGradient = iterate[n..(2 * n)].ToArray();
            snapshot.Direction = iterate[(2 * n)..(3 * n)].ToArray();
            snapshot.PointToEvaluate = iterate[(3 * n)..].ToArray();
            _iterates.Add(snapshot.Evaluations);
        }

        // A state written before the iterate had keys of its own carries the vectors itself; its pairs are in keys too.
        if (snapshot.PairSteps.Length > 0)
        {
            return snapshot;
        }

        var dimension = snapshot.Current.Length;
        var memory = snapshot.PairGenerations.Length;
        snapshot.PairSteps = new double[memory * dimension];
        snapshot.PairGradientChanges = new double[memory * dimension];
        foreach (var slot in snapshot.UsedSlots())
        {
            var generation = snapshot.PairGenerations[slot];
            var value = await db.StringGetAsync(keys.LbfgsPair(job, generation));
            var pair = value.IsNull ? [] : DenseBuffers.AsDoubles((byte[])value!);
            if (pair.Length != 2 * dimension)
            {
                throw new InvalidDataException($"Job {job}: L-BFGS pair {generation} is missing from Redis or has {pair.Length} values, expected {2 * dimension}.");
            }

            pair[..dimension].CopyTo(snapshot.PairSteps.AsSpan(slot * dimension));
            pair[dimension..].CopyTo(snapshot.PairGradientChanges.AsSpan(slot * dimension));
            _pairs.Add(generation);
        }

        return snapshot;
    }
}
