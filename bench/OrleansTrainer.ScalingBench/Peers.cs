namespace OrleansTrainer.ScalingBench;

/// <summary>The peers' runs on the same files in the same run, and the objectives they reached in our (mean) form.</summary>
/// <param name="NumpyGrad">One full-batch gradient pass of numpy on the dense file.</param>
/// <param name="Ridge">scikit-learn's Ridge on the dense file.</param>
/// <param name="Logistic">scikit-learn's LogisticRegression(lbfgs) on the sparse file.</param>
internal sealed record Peers(PeerRun NumpyGrad, PeerRun Ridge, PeerRun Logistic)
{
    /// <summary>
    /// A solver "reached" a peer's objective when its own is at most the peer's times 1 + this: the peers' objectives are
    /// evaluated in float64 from their coefficients, ours by the shards' passes; the two sums round differently.
    /// </summary>
    public const double Slack = 1e-9;

    /// <summary>Reads the three JSON files named in <paramref name="settings"/>.</summary>
    public static Peers Read(ScalingSettings settings) =>
        new(PeerRun.Read(settings.NumpyGradJson), PeerRun.Read(settings.RidgeJson), PeerRun.Read(settings.LogisticJson));

    /// <summary>Our L2 for the ridge problem on <paramref name="rows"/> rows: alpha / n.</summary>
    public double RidgeL2(long rows) => Ridge.Parameter("alpha") / rows;

    /// <summary>Our L2 for the logistic problem on <paramref name="rows"/> rows: 1 / (C n).</summary>
    public double LogisticL2(long rows) => 1 / (Logistic.Parameter("C") * rows);

    /// <summary>Ridge's objective Σr² + alpha‖w‖² in our form, (1/n)Σ½r² + (L2/2)‖w‖²: divided by 2n.</summary>
    public double RidgeObjective(long rows) => Required(Ridge) / (2.0 * rows);

    /// <summary>LogisticRegression's objective C·Σloss + ½‖w‖² in our form, mean loss + (L2/2)‖w‖²: divided by C·n.</summary>
    public double LogisticObjective(long rows) => Required(Logistic) / (Logistic.Parameter("C") * rows);

    private static double Required(PeerRun peer) => peer.Objective ?? throw new InvalidDataException($"peer {peer.Task} reported no objective");
}
