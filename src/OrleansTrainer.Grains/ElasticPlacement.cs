using System.Collections.Immutable;
using System.Diagnostics;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Balanced placement: when a job starts or its trainer reactivates (after its silo died, say), and whenever a silo
/// joins or leaves while the job runs, the trainer spreads the job's shards and weight blocks over all active silos
/// (shard i on silo i mod n, block b on silo (shards + b) mod n, silos in address order) by grain migration between
/// rounds, so that neither a fresh cluster's placement nor a lost silo's grains piling onto the survivors stays
/// unbalanced. Results do not change: every round is deterministic wherever its grains run.
/// </summary>
/// <param name="grains">The grain factory.</param>
/// <param name="lastSeen">The silos the job's trainer saw last (persisted with the job), empty for a new job: a trainer
/// reactivated because a silo died compares against them, so the silo's leaving is still reported.</param>
internal sealed class ElasticPlacement(IGrainFactory grains, ImmutableArray<SiloAddress> lastSeen)
{
    private static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long after a change of silos (or the first check) the moves are asked for again at every check: a new silo
    /// accepts migrated grains only once the cluster manifest that lists its grain types has reached the others, and
    /// until then a move is a no-op; after a loss, grains of the dead silo reactivate wherever they are next called.
    /// </summary>
    private static readonly TimeSpan RepeatAfterChange = TimeSpan.FromSeconds(20);

    private ImmutableArray<SiloAddress> _known = lastSeen;
    private long _nextCheck;
    private long _repeatUntil;
    private bool _movesDue;

    /// <summary>The active silos at the last check, in address order.</summary>
    public ImmutableArray<SiloAddress> Known => _known;

    /// <summary>
    /// Checks the active silos (at most once a second) and returns what changed since the previous check or the last
    /// seen silos (silos that joined or left), or null when nothing did, no check was due, or the job has no last seen
    /// silos. The caller records the change before <see cref="SpreadAsync"/> moves anything, so a move that fails (a
    /// grain still addressed to a silo that just died) cannot lose the record of the silo's leaving.
    /// </summary>
    public async Task<string?> CheckSilosAsync()
    {
        if (Stopwatch.GetTimestamp() < _nextCheck)
        {
            return null;
        }

        _nextCheck = Stopwatch.GetTimestamp() + (long)(CheckPeriod.TotalSeconds * Stopwatch.Frequency);
        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        var silos = hosts.Keys.OrderBy(s => s.ToString(), StringComparer.Ordinal).ToImmutableArray();
        string? change = null;
        if (!silos.SequenceEqual(_known))
        {
            _repeatUntil = Stopwatch.GetTimestamp() + (long)(RepeatAfterChange.TotalSeconds * Stopwatch.Frequency);
            change = _known.Length == 0 ? null : Describe(silos.Except(_known), "joined") + Describe(_known.Except(silos), "left")
                + $"{silos.Length} active; shards and blocks spread over them";
        }

        _known = silos;
        _movesDue = Stopwatch.GetTimestamp() <= _repeatUntil;
        return change;
    }

    /// <summary>
    /// After a check that fell within a while of the first check or of a silo joining or leaving, asks the job's grains to
    /// move to their places over the silos that check found (a grain already in place ignores it); otherwise does nothing.
    /// </summary>
    public async Task SpreadAsync(JobSpec spec, int shardCount)
    {
        if (!_movesDue)
        {
            return;
        }

        _movesDue = false;
        var moves = new List<Task>();
        for (var s = 0; s < shardCount; s++)
        {
            moves.Add(grains.DataShard(spec.Dataset, s).MoveToAsync(_known[s % _known.Length]));
        }

        for (var b = 0; b < spec.WeightBlocks; b++)
        {
            moves.Add(grains.WeightBlock(spec.Name, b).MoveToAsync(_known[(shardCount + b) % _known.Length]));
        }

        await Task.WhenAll(moves);
    }

    private static string Describe(IEnumerable<SiloAddress> silos, string what) =>
        string.Concat(silos.Select(silo => $"silo {silo} {what}; "));
}
