namespace OrleansTrainer.Numerics;

/// <summary>
/// Everything an <see cref="LbfgsMinimizer"/> needs to go on exactly where it was: taken by
/// <see cref="LbfgsMinimizer.ToSnapshot"/>, given back to <see cref="LbfgsMinimizer.FromSnapshot"/>. A plain
/// container of copies, to be persisted as it is; n is the number of coordinates and m the options' memory. A caller
/// that keeps the vectors elsewhere takes the snapshot without them (<see cref="LbfgsMinimizer.ToSnapshot"/>) and
/// puts back, before restoring, <see cref="Current"/> and <see cref="CurrentGradient"/>, and each kept pair from the
/// two accepted points it joins (<see cref="RebuildPair"/>); <see cref="Direction"/> and <see cref="PointToEvaluate"/>
/// may stay empty, for the restored minimizer chooses and places them again from those, with the same bits.
/// </summary>
public sealed class LbfgsSnapshot
{
    /// <summary>The status after the last observation.</summary>
    public LbfgsStatus Status { get; set; }

    /// <summary>Why the minimizer stopped; null while it runs.</summary>
    public string? StopReason { get; set; }

    /// <summary>Accepted steps so far.</summary>
    public int Iterations { get; set; }

    /// <summary>Observations so far.</summary>
    public int Evaluations { get; set; }

    /// <summary>The last accepted point (n).</summary>
    public double[] Current { get; set; } = [];

    /// <summary>The smooth part's gradient at <see cref="Current"/> (n).</summary>
    public double[] CurrentGradient { get; set; } = [];

    /// <summary>The full objective (smooth + L1) at <see cref="Current"/>.</summary>
    public double CurrentObjective { get; set; }

    /// <summary>The infinity norm of the (pseudo-)gradient at <see cref="Current"/>.</summary>
    public double CurrentGradientNorm { get; set; }

    /// <summary>The infinity norm of the (pseudo-)gradient at the start point, the scale of the relative gradient test.</summary>
    public double StartGradientNorm { get; set; }

    /// <summary>The search direction of the current iteration (n); empty to have <see cref="LbfgsMinimizer.FromSnapshot"/> choose it again.</summary>
    public double[] Direction { get; set; } = [];

    /// <summary>Whether the direction is −v because the pairs gave no descent direction (see <see cref="LbfgsMinimizer.DirectionIsSteepestDescent"/>).</summary>
    public bool DirectionIsSteepestDescent { get; set; }

    /// <summary>The point the caller is to evaluate next (n); empty to have <see cref="LbfgsMinimizer.FromSnapshot"/> place it again from the direction and the step.</summary>
    public double[] PointToEvaluate { get; set; } = [];

    /// <summary>The steps s = x_new − x_old of the kept pairs, pair k in entries [k n, (k + 1) n) (m n).</summary>
    public double[] PairSteps { get; set; } = [];

    /// <summary>The gradient changes y = g_new − g_old of the kept pairs, laid out as <see cref="PairSteps"/> (m n).</summary>
    public double[] PairGradientChanges { get; set; } = [];

    /// <summary>1 / (s · y) of each kept pair (m).</summary>
    public double[] PairInverseCurvatures { get; set; } = [];

    /// <summary>How many pairs are kept, 0 to m.</summary>
    public int PairCount { get; set; }

    /// <summary>The slot the next pair goes to (the oldest once all m are kept), 0 to m − 1.</summary>
    public int NextPair { get; set; }

    /// <summary>
    /// The generation of the pair in each slot (m): pairs are numbered 0, 1, 2, … as they are kept, so a store can hold
    /// each pair once under its generation and a snapshot can travel without its pairs.
    /// </summary>
    public long[] PairGenerations { get; set; } = [];

    /// <summary>How many pairs have ever been kept: the generation the next pair gets.</summary>
    public long PairsAdded { get; set; }

    /// <summary>
    /// For each slot (m), the number of accepted steps (<see cref="Iterations"/>) at the pair's old point: the pair joins
    /// the accepted point of that iteration to the next one's, so a caller that keeps each accepted point and its
    /// gradient can rebuild it (<see cref="RebuildPair"/>).
    /// </summary>
    public long[] PairOrigins { get; set; } = [];

    /// <summary>
    /// Puts the pair of <paramref name="slot"/> back from the accepted points it joins (iterations
    /// <see cref="PairOrigins"/>[slot] and one more) and their gradients, with the arithmetic that made it, so its bits
    /// are the kept pair's; allocates <see cref="PairSteps"/> and <see cref="PairGradientChanges"/> (m n) when empty.
    /// </summary>
    /// <exception cref="ArgumentException">A vector's length is not the snapshot's dimension.</exception>
    public void RebuildPair(int slot, ReadOnlySpan<double> oldPoint, ReadOnlySpan<double> newPoint, ReadOnlySpan<double> oldGradient, ReadOnlySpan<double> newGradient)
    {
        int n = Current.Length;
        if (oldPoint.Length != n || newPoint.Length != n || oldGradient.Length != n || newGradient.Length != n)
        {
            throw new ArgumentException($"A pair of a snapshot over {n} coordinates needs points and gradients of {n} values.");
        }

        int m = PairGenerations.Length;
        if (PairSteps.Length == 0)
        {
            (PairSteps, PairGradientChanges) = (new double[m * n], new double[m * n]);
        }

        LbfgsMemory.WritePair(oldPoint, newPoint, oldGradient, newGradient, PairSteps.AsSpan(slot * n, n), PairGradientChanges.AsSpan(slot * n, n));
    }

    /// <summary>The slots that hold kept pairs, newest first.</summary>
    public IEnumerable<int> UsedSlots() =>
        Enumerable.Range(0, PairCount).Select(age => (NextPair - 1 - age + 2 * PairGenerations.Length) % PairGenerations.Length);

    /// <summary>The line search's <see cref="BacktrackingLineSearch.StartValue"/>.</summary>
    public double LineSearchStartValue { get; set; }

    /// <summary>The line search's <see cref="BacktrackingLineSearch.Step"/>.</summary>
    public double LineSearchStep { get; set; }

    /// <summary>The line search's <see cref="BacktrackingLineSearch.Trials"/>.</summary>
    public int LineSearchTrials { get; set; }
}
