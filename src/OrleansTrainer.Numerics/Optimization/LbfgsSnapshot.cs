namespace OrleansTrainer.Numerics;

/// <summary>
/// Everything an <see cref="LbfgsMinimizer"/> needs to go on exactly where it was: taken by
/// <see cref="LbfgsMinimizer.ToSnapshot"/>, given back to <see cref="LbfgsMinimizer.FromSnapshot"/>. A plain
/// container of copies, to be persisted as it is; n is the number of coordinates and m the options' memory.
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

    /// <summary>The search direction of the current iteration (n).</summary>
    public double[] Direction { get; set; } = [];

    /// <summary>The point the caller is to evaluate next (n).</summary>
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
