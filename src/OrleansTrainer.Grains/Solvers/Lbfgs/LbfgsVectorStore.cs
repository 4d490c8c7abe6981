using System.Runtime.InteropServices;
using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// Keeps a trainer's L-BFGS vectors out of its grain state, in Redis keys of their own written as raw float64 bytes
/// before the trainer state that refers to them: each accepted point with its gradient, once, under the number of steps
/// accepted when it was reached. Nothing else is stored: a correction pair is the difference of two consecutive
/// accepted points (and of their gradients), rebuilt on reading with the arithmetic that made it, and the minimizer
/// chooses the direction and places the point to evaluate again from the point, its gradient and the pairs. An
/// evaluation that accepts its point so writes 2n values (16 MB at 2^20 parameters) and one that shortens the step
/// none; the state keeps only scalars. (Before: the iterate's four vectors and the new pair, 6n values, every
/// evaluation.) A key no longer referenced is deleted after the state that dropped it is written; a crash in between
/// leaves an unreferenced key, deleted with the job.
/// </summary>
internal sealed class LbfgsVectorStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private readonly HashSet<long> _points = [];
    private byte[] _pointBytes = [];

    /// <summary>
    /// Writes the accepted point and gradient of <paramref name="minimizer"/> unless they are stored already, and
    /// returns its snapshot without vectors. The value is built in a buffer kept from one evaluation to the next (reused
    /// only after Redis acknowledged what was sent from it; dropped after a failure).
    /// </summary>
    public async Task<LbfgsSnapshot> DetachAsync(string job, LbfgsMinimizer minimizer)
    {
        var snapshot = minimizer.ToSnapshot(withVectors: false);
        if (_points.Contains(snapshot.Iterations))
        {
            return snapshot;
        }

        var dimension = minimizer.Current.Length;
        if (_pointBytes.Length != 2 * dimension * sizeof(double))
        {
            _pointBytes = new byte[2 * dimension * sizeof(double)];
        }

        var values = MemoryMarshal.Cast<byte, double>(_pointBytes.AsSpan());
        minimizer.Current.CopyTo(values);
        minimizer.CurrentGradient.CopyTo(values[dimension..]);
        try
        {
            await redis.GetDatabase().StringSetAsync(keys.LbfgsPoint(job, snapshot.Iterations), _pointBytes);
        }
        catch
        {
            // A write that failed may still be queued in the connection with its buffer: never write into it again.
            _pointBytes = [];
            throw;
        }

        _points.Add(snapshot.Iterations);
        return snapshot;
    }

    /// <summary>Deletes the stored accepted points <paramref name="snapshot"/> no longer needs: all but its own and the two each kept pair joins.</summary>
    public async Task DeleteUnreferencedAsync(string job, LbfgsSnapshot snapshot)
    {
        HashSet<long> referenced = [snapshot.Iterations, .. snapshot.UsedSlots().SelectMany(slot => new[] { snapshot.PairOrigins[slot], snapshot.PairOrigins[slot] + 1 })];
        var dropped = _points.Where(k => !referenced.Contains(k)).ToArray();
        if (dropped.Length > 0)
        {
            await RedisKeys.DeleteEachAsync(redis.GetDatabase(), dropped.Select(k => keys.LbfgsPoint(job, k)));
            _points.ExceptWith(dropped);
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

    /// <summary>
    /// Reads the vectors of a snapshot from its state back into it: the accepted point and gradient, and each kept pair
    /// rebuilt from the two accepted points it joins (the minimizer chooses the direction again). What this store
    /// remembers having written is replaced by what it read (a driver is rebuilt after a failed round, and Redis may
    /// have lost writes since).
    /// </summary>
    /// <exception cref="InvalidDataException">A referenced vector is missing or of the wrong size, or the state is of an earlier layout.</exception>
    public async Task<LbfgsSnapshot?> AttachAsync(string job, LbfgsSnapshot? snapshot)
    {
        _points.Clear();
        if (snapshot is null)
        {
            return null;
        }

        if (snapshot.PairOrigins.Length != snapshot.PairGenerations.Length)
        {
            throw new InvalidDataException($"Job {job}: its L-BFGS state was written by an earlier version of OrleansTrainer, which kept the vectors in another layout; start the job again.");
        }

        var db = redis.GetDatabase();
        var points = new Dictionary<long, double[]>();
        var length = 0;
        async Task<double[]> PointAsync(long iterations)
        {
            if (!points.TryGetValue(iterations, out var point))
            {
                points[iterations] = point = await ReadAsync(db, keys.LbfgsPoint(job, iterations), $"accepted point {iterations}");
                length = length == 0 ? point.Length : length;
                if (point.Length == 0 || point.Length % 2 != 0 || point.Length != length)
                {
                    throw new InvalidDataException($"Job {job}: the L-BFGS accepted point {iterations} in Redis has {point.Length} values.");
                }
            }

            return point;
        }

        var current = await PointAsync(snapshot.Iterations);
        var n = length / 2;
        (snapshot.Current, snapshot.CurrentGradient) = (current[..n], current[n..]);
        foreach (var slot in snapshot.UsedSlots())
        {
            var (older, newer) = (await PointAsync(snapshot.PairOrigins[slot]), await PointAsync(snapshot.PairOrigins[slot] + 1));
            snapshot.RebuildPair(slot, older.AsSpan(0, n), newer.AsSpan(0, n), older.AsSpan(n), newer.AsSpan(n));
        }

        _points.UnionWith(points.Keys);
        return snapshot;
    }

    private static async Task<double[]> ReadAsync(IDatabase db, RedisKey key, string what)
    {
        var stored = await db.StringGetAsync(key);
        return stored.IsNull
            ? throw new InvalidDataException($"The L-BFGS {what} is missing from Redis ({key}).")
            : DenseBuffers.AsDoubles((byte[])stored!).ToArray();
    }
}
