using System.Runtime.InteropServices;
using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// Keeps a trainer's L-BFGS vectors out of its grain state, in Redis keys of their own written as raw float64 bytes
/// before the trainer state that refers to them: each accepted point with its gradient once, under the number of steps
/// accepted when it was reached; the search direction under the evaluation that chose it. The correction pairs are not
/// stored: each is the difference of two consecutive accepted points (and of their gradients), rebuilt on reading with
/// the arithmetic that made it, and the point to evaluate is placed again by the minimizer from the direction and the
/// step. An evaluation that accepts its point so writes 3n values (24 MB at 2^20 parameters); one that shortens the
/// step writes only the direction; the state keeps only scalars. (Before: the iterate's four vectors and the new pair,
/// 6n values, every evaluation.) A key no longer referenced is deleted after the state that dropped it is written; a
/// crash in between leaves an unreferenced key, deleted with the job.
/// </summary>
internal sealed class LbfgsVectorStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private readonly HashSet<long> _points = [];
    private readonly HashSet<long> _directions = [];
    private byte[] _pointBytes = [];
    private byte[] _directionBytes = [];

    /// <summary>
    /// Writes what <paramref name="minimizer"/> holds that is not stored yet — its accepted point and gradient, its
    /// direction — and returns its snapshot without vectors. The values are built in buffers kept from one evaluation
    /// to the next (reused only after Redis acknowledged what was sent from them; dropped after a failure).
    /// </summary>
    public async Task<LbfgsSnapshot> DetachAsync(string job, LbfgsMinimizer minimizer)
    {
        var snapshot = minimizer.ToSnapshot(withVectors: false);
        var dimension = minimizer.Current.Length;
        var db = redis.GetDatabase();
        var writes = new List<Task>(2);
        if (!_points.Contains(snapshot.Iterations))
        {
            var values = Doubles(_pointBytes = Sized(_pointBytes, 2 * dimension));
            minimizer.Current.CopyTo(values);
            minimizer.CurrentGradient.CopyTo(values[dimension..]);
            writes.Add(db.StringSetAsync(keys.LbfgsPoint(job, snapshot.Iterations), _pointBytes));
        }

        if (!_directions.Contains(snapshot.Evaluations))
        {
            minimizer.Direction.CopyTo(Doubles(_directionBytes = Sized(_directionBytes, dimension)));
            writes.Add(db.StringSetAsync(keys.LbfgsDirection(job, snapshot.Evaluations), _directionBytes));
        }

        try
        {
            await Task.WhenAll(writes);
        }
        catch
        {
            // A write that failed may still be queued in the connection with its buffer: never write into it again.
            (_pointBytes, _directionBytes) = ([], []);
            throw;
        }

        _points.Add(snapshot.Iterations);
        _directions.Add(snapshot.Evaluations);
        return snapshot;
    }

    /// <summary>Deletes the stored vectors <paramref name="snapshot"/> no longer refers to.</summary>
    public async Task DeleteUnreferencedAsync(string job, LbfgsSnapshot snapshot)
    {
        var referenced = ReferencedPoints(snapshot);
        var droppedPoints = _points.Where(k => !referenced.Contains(k)).ToArray();
        var droppedDirections = _directions.Where(e => e != snapshot.Evaluations).ToArray();
        if (droppedPoints.Length + droppedDirections.Length > 0)
        {
            await RedisKeys.DeleteEachAsync(redis.GetDatabase(),
                [.. droppedPoints.Select(k => keys.LbfgsPoint(job, k)), .. droppedDirections.Select(e => keys.LbfgsDirection(job, e))]);
            _points.ExceptWith(droppedPoints);
            _directions.ExceptWith(droppedDirections);
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
    /// Reads the vectors of a snapshot from its state back into it: the accepted point and gradient, the direction, and
    /// each kept pair rebuilt from the two accepted points it joins. What this store remembers having written is
    /// replaced by what it read (a driver is rebuilt after a failed round, and Redis may have lost writes since).
    /// </summary>
    /// <exception cref="InvalidDataException">A referenced vector is missing or of the wrong size, or the state is of an earlier layout.</exception>
    public async Task<LbfgsSnapshot?> AttachAsync(string job, LbfgsSnapshot? snapshot)
    {
        _points.Clear();
        _directions.Clear();
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
        async Task<double[]> PointAsync(long iterations)
        {
            if (!points.TryGetValue(iterations, out var point))
            {
                points[iterations] = point = await ReadAsync(db, keys.LbfgsPoint(job, iterations), $"accepted point {iterations}");
                if (point.Length == 0 || point.Length % 2 != 0 || (points.Count > 1 && point.Length != points.First().Value.Length))
                {
                    throw new InvalidDataException($"Job {job}: the L-BFGS accepted point {iterations} in Redis has {point.Length} values.");
                }
            }

            return point;
        }

        var current = await PointAsync(snapshot.Iterations);
        var n = current.Length / 2;
        var direction = await ReadAsync(db, keys.LbfgsDirection(job, snapshot.Evaluations), $"direction of evaluation {snapshot.Evaluations}");
        if (direction.Length != n)
        {
            throw new InvalidDataException($"Job {job}: the L-BFGS direction of evaluation {snapshot.Evaluations} in Redis has {direction.Length} values, expected {n}.");
        }

        (snapshot.Current, snapshot.CurrentGradient, snapshot.Direction) = (current[..n], current[n..], direction);
        foreach (var slot in snapshot.UsedSlots())
        {
            var (older, newer) = (await PointAsync(snapshot.PairOrigins[slot]), await PointAsync(snapshot.PairOrigins[slot] + 1));
            snapshot.RebuildPair(slot, older.AsSpan(0, n), newer.AsSpan(0, n), older.AsSpan(n), newer.AsSpan(n));
        }

        _points.UnionWith(points.Keys);
        _directions.Add(snapshot.Evaluations);
        return snapshot;
    }

    /// <summary>The accepted points a snapshot needs: its own and the two each kept pair joins.</summary>
    private static HashSet<long> ReferencedPoints(LbfgsSnapshot snapshot) =>
        [snapshot.Iterations, .. snapshot.UsedSlots().SelectMany(slot => new[] { snapshot.PairOrigins[slot], snapshot.PairOrigins[slot] + 1 })];

    private static async Task<double[]> ReadAsync(IDatabase db, RedisKey key, string what)
    {
        var stored = await db.StringGetAsync(key);
        return stored.IsNull
            ? throw new InvalidDataException($"The L-BFGS {what} is missing from Redis ({key}).")
            : DenseBuffers.AsDoubles((byte[])stored!).ToArray();
    }

    /// <summary><paramref name="buffer"/> when it holds <paramref name="values"/> float64 values, else a new one that does.</summary>
    private static byte[] Sized(byte[] buffer, int values) => buffer.Length == values * sizeof(double) ? buffer : new byte[values * sizeof(double)];

    /// <summary>Float64 values over bytes as Redis stores them: little-endian, as <see cref="DenseBuffers"/> writes and reads them.</summary>
    private static Span<double> Doubles(byte[] bytes) => MemoryMarshal.Cast<byte, double>(bytes.AsSpan());
}
