using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.Grains;

/// <summary>
/// Keeps a trainer's L-BFGS correction pairs out of its grain state: each pair (s and y, 2n float64 values) is written
/// once to its own Redis key under its generation, before the trainer state that refers to it; the state keeps only
/// the pairs' generations. Without it every round rewrote all m pairs (2·m·n values: 160 MB for m = 10 and 2^20
/// parameters). A pair no longer referenced is deleted after the state that dropped it is written; a crash in between
/// leaves an unreferenced key that the next commit deletes.
/// </summary>
internal sealed class LbfgsPairStore(IConnectionMultiplexer redis, RedisKeys keys)
{
    private readonly HashSet<long> _stored = [];

    /// <summary>Forgets what was stored (a new job under the same trainer).</summary>
    public void Reset() => _stored.Clear();

    /// <summary>Writes the pairs of <paramref name="snapshot"/> not stored yet; returns the snapshot without its pair vectors.</summary>
    public async Task<LbfgsSnapshot> DetachAsync(string job, LbfgsSnapshot snapshot)
    {
        var dimension = snapshot.Current.Length;
        var db = redis.GetDatabase();
        var writes = new List<Task>();
        foreach (var slot in snapshot.UsedSlots())
        {
            var generation = snapshot.PairGenerations[slot];
            if (_stored.Add(generation))
            {
                var pair = new double[2 * dimension];
                snapshot.PairSteps.AsSpan(slot * dimension, dimension).CopyTo(pair);
                snapshot.PairGradientChanges.AsSpan(slot * dimension, dimension).CopyTo(pair.AsSpan(dimension));
                writes.Add(db.StringSetAsync(keys.LbfgsPair(job, generation), DenseBuffers.ToBytes(pair)));
            }
        }

        try
        {
            await Task.WhenAll(writes);
        }
        catch
        {
            _stored.Clear();
            throw;
        }

        snapshot.PairSteps = [];
        snapshot.PairGradientChanges = [];
        return snapshot;
    }

    /// <summary>Deletes the stored pairs <paramref name="snapshot"/> no longer refers to.</summary>
    public async Task DeleteUnreferencedAsync(string job, LbfgsSnapshot snapshot)
    {
        var referenced = snapshot.UsedSlots().Select(slot => snapshot.PairGenerations[slot]).ToHashSet();
        var dropped = _stored.Where(g => !referenced.Contains(g)).ToArray();
        if (dropped.Length > 0)
        {
            await redis.GetDatabase().KeyDeleteAsync(dropped.Select(g => keys.LbfgsPair(job, g)).ToArray());
            _stored.ExceptWith(dropped);
        }
    }

    /// <summary>Reads the pair vectors of a snapshot from its state back into it.</summary>
    /// <exception cref="InvalidDataException">A referenced pair is missing or of the wrong size.</exception>
    public async Task<LbfgsSnapshot?> AttachAsync(string job, LbfgsSnapshot? snapshot)
    {
        if (snapshot is null || snapshot.PairSteps.Length > 0)
        {
            return snapshot;
        }

        var dimension = snapshot.Current.Length;
        var memory = snapshot.PairGenerations.Length;
        snapshot.PairSteps = new double[memory * dimension];
        snapshot.PairGradientChanges = new double[memory * dimension];
        var db = redis.GetDatabase();
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
            _stored.Add(generation);
        }

        return snapshot;
    }
}
