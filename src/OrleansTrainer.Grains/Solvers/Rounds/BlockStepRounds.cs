using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// Rounds whose update happens in the weight blocks (parameter-server style): full-batch gradient descent with a fixed
/// step, mini-batch SGD, AdaGrad, Adam (all with the L1 proximal step), and local SGD with model averaging.
/// </summary>
/// <param name="operations">The job's distributed operations.</param>
/// <param name="local">Whether shards take local SGD steps and the blocks average their models (else shards push gradients and the blocks step).</param>
/// <param name="stopping">When the job stops.</param>
/// <param name="previousObjective">The objective of the last committed round.</param>
internal sealed class BlockStepRounds(RoundOperations operations, bool local, StoppingRule stopping, Func<double> previousObjective) : IRoundDriver
{
    /// <summary>
    /// Carried rounds: the weights the last commit produced and their version. This driver's memory only — a new driver
    /// (after a failed round, a control action or a new activation) lets its first round's shards pull from the blocks.
    /// </summary>
    private (long Version, PackedVector Weights)? _carried;

    /// <inheritdoc />
    public async Task<RoundOutcome> RunAsync(long round)
    {
        var spec = operations.Context.Spec;
        var measurement = new RoundMeasurement(round);
        var rate = UpdateSettingsFactory.LearningRate(spec, round);
        var kind = local ? ShardRoundKind.LocalSgd : ShardRoundKind.Gradient;
        var mode = local ? BlockCommitMode.Average : BlockCommitMode.Step;
        var carries = operations.CarriesRounds;
        var results = carries
            ? await operations.RunCarriedShardsAsync(round, kind, rate, _carried is { } held && held.Version == round ? held.Weights : PackedVector.Empty)
            : await operations.RunShardsAsync(round, kind, rate);
        if (RoundOperations.FindDivergence(results, round) is { } divergence)
        {
            return new RoundOutcome(null, JobStatus.Failed, divergence);
        }

        measurement.CommitStarting();
        BlockCommitResult[] commits;
        if (carries)
        {
            commits = await operations.CommitCarriedAsync(round, mode, results);
            _carried = (round + 1, operations.CarriedWeights(round, commits));
        }
        else
        {
            commits = await operations.CommitAsync(round, mode);
        }

        measurement.CommitEnded();
        var objective = measurement.Shards(results).Loss + commits.Sum(c => c.Penalty);
        var gradientNorm = Math.Sqrt(commits.Sum(c => c.GradientNormSquared));
        var metrics = measurement.Finish(objective, gradientNorm, rate);
        return RoundOutcome.After(metrics, stopping.Check(spec, round + 1, previousObjective(), objective, gradientNorm));
    }
}
