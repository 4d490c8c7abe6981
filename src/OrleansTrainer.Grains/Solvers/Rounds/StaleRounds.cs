using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Rounds under stale-synchronous SSP(k) or asynchronous consistency: every shard runs its own sequence of rounds,
/// started as soon as its previous one is done and it is at most k rounds ahead of the last round all shards have
/// finished (no bound when asynchronous). Under SSP the blocks apply a round once all of its contributions are in,
/// in shard order, so SSP(0) is BSP bit for bit. A round counts as committed once every shard has finished it.
/// </summary>
internal sealed class StaleRounds : IRoundDriver
{
    private readonly RoundOperations _operations;
    private readonly long _bound;
    private readonly long[] _next;
    private readonly Task<ShardRoundResult>?[] _running;
    private readonly Dictionary<long, List<ShardRoundResult>> _finished = [];
    private long _committed;

    /// <summary>Continues from round <paramref name="committed"/>: every shard starts there.</summary>
    private StaleRounds(RoundOperations operations, long committed)
    {
        _operations = operations;
        var spec = operations.Context.Spec;
        _bound = spec.Consistency == ConsistencyMode.Async ? long.MaxValue / 4 : spec.Staleness;
        _next = Enumerable.Repeat(committed, operations.Context.ShardCount).ToArray();
        _running = new Task<ShardRoundResult>?[operations.Context.ShardCount];
        _committed = committed;
    }

    /// <summary>Continues from the last round every block has applied (a block may be ahead of the trainer's record).</summary>
    public static async Task<IRoundDriver> ContinueAsync(SolverContext context) =>
        new StaleRounds(context.Operations, Math.Min(context.CommittedRound, await context.Operations.OldestBlockVersionAsync()));

    /// <inheritdoc />
    public long[] ShardRounds => [.. _next];

    /// <inheritdoc />
    public async Task<RoundOutcome> RunAsync(long round)
    {
        var spec = _operations.Context.Spec;
        var measurement = new RoundMeasurement(round);
        while (_committed <= round)
        {
            Launch(spec);
            await Task.WhenAny(_running.Where(t => t is not null)!);
            for (var s = 0; s < _running.Length; s++)
            {
                if (_running[s] is { IsCompleted: true } task)
                {
                    var result = await task;
                    Record(_next[s], result);
                    _running[s] = null;
                    _next[s]++;
                }
            }

            while (_finished.TryGetValue(_committed, out var results) && results.Count == _next.Length)
            {
                _committed++;
            }
        }

        var roundResults = _finished[round];
        foreach (var old in _finished.Keys.Where(r => r <= round).ToArray())
        {
            _finished.Remove(old);
        }

        if (RoundOperations.FindDivergence([.. roundResults], round) is { } divergence)
        {
            return new RoundOutcome(null, JobStatus.Failed, divergence);
        }

        // The shards computed on weights of different ages: the mean loss is the round's only objective, and no gradient is whole.
        var loss = measurement.Shards(roundResults).Loss;
        var metrics = measurement.Finish(loss, double.NaN, UpdateSettingsFactory.LearningRate(spec, round));
        return RoundOutcome.After(metrics, round + 1 >= spec.MaxRounds ? $"reached MaxRounds ({spec.MaxRounds})" : null);
    }

    private void Launch(JobSpec spec)
    {
        for (var s = 0; s < _running.Length; s++)
        {
            if (_running[s] is null && _next[s] < spec.MaxRounds && _next[s] <= _committed + _bound)
            {
                var minimum = spec.Consistency == ConsistencyMode.Async ? 0 : Math.Max(0, _next[s] - _bound);
                _running[s] = _operations.RunStaleShardAsync(s, _next[s], minimum);
            }
        }
    }

    private void Record(long round, ShardRoundResult result)
    {
        if (!_finished.TryGetValue(round, out var results))
        {
            _finished[round] = results = [];
        }

        results.Add(result);
    }
}
