namespace OrleansTrainer.Numerics;

/// <summary>
/// Minimizes f(x) + L1 sum_j L1Scale_j |x_j| for a smooth f by L-BFGS (OWL-QN, Andrew and Gao 2007, when L1 &gt; 0),
/// as a state machine driven by its caller: the caller evaluates f and its gradient at <see cref="PointToEvaluate"/>
/// (in this project a distributed round) and hands them to <see cref="Observe"/>, until the status is no longer
/// <see cref="LbfgsStatus.NeedEvaluation"/>. <see cref="ToSnapshot"/> and <see cref="FromSnapshot"/> persist and
/// restore the whole state at any point between observations; a restored minimizer goes on bit for bit as the
/// original would have.
/// </summary>
/// <remarks>
/// Each iteration takes the direction d = −H v from the two-loop recursion on the last pairs of the smooth gradient
/// (v is the gradient, or the pseudo-gradient with L1; with L1 each d_j whose sign disagrees with −v_j is zeroed),
/// then backtracks from step 1 (without pairs: 1 / |d|, a first move of unit length as in L-BFGS-B, at first, then
/// twice the last accepted step), each shorter step placed where a cubic fitted to the trial expects the minimum, until
/// Armijo's condition holds for the full objective, F(t) ≤ F(x) + c1 v · (t − x), or its slope form once the decrease
/// is below rounding (see <see cref="BacktrackingLineSearch.Judge"/>). With L1 a penalized coordinate of the trial t that leaves the orthant of
/// x (or, at 0, of −v) is set to 0, which is what makes exact zeros. When a line search gives up with pairs kept, the
/// pairs are dropped and the iteration is retried along −v; if that fails too, the status is
/// <see cref="LbfgsStatus.Failed"/>.
/// </remarks>
public sealed class LbfgsMinimizer
{
    private readonly double[] l1Weights;
    private readonly bool orthantWise;
    private readonly double gradientTolerance;
    private readonly double relativeGradientTolerance;
    private readonly double relativeTolerance;
    private readonly LbfgsMemory memory;
    private readonly BacktrackingLineSearch lineSearch;
    private readonly double[] current;
    private readonly double[] currentGradient;
    private readonly double[] direction;
    private readonly double[] trial;

    /// <summary>Starts a minimization at <paramref name="start"/>, which is the first point to evaluate.</summary>
    /// <param name="options">The settings; read now and not again.</param>
    /// <param name="start">The start point (copied), finite, at least one coordinate.</param>
    /// <exception cref="ArgumentException">The start point is empty or not finite, or the L1 scale does not match it.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public LbfgsMinimizer(LbfgsOptions options, double[] start)
        : this(options, (start ?? throw new ArgumentNullException(nameof(start))).Length)
    {
        foreach (double value in start)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException("The start point must be finite.", nameof(start));
            }
        }

        start.CopyTo(current, 0);
        start.CopyTo(trial, 0);
        CurrentObjective = double.NaN;
        CurrentGradientNorm = double.NaN;
        StartGradientNorm = double.NaN;
    }

    private LbfgsMinimizer(LbfgsOptions options, int dimension)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (dimension == 0)
        {
            throw new ArgumentException("The point needs at least one coordinate.", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.Memory, nameof(options.Memory));
        ThrowUnlessNonNegative(options.L1, nameof(options.L1));
        ThrowUnlessNonNegative(options.GradientTolerance, nameof(options.GradientTolerance));
        ThrowUnlessNonNegative(options.RelativeGradientTolerance, nameof(options.RelativeGradientTolerance));
        ThrowUnlessNonNegative(options.RelativeTolerance, nameof(options.RelativeTolerance));
        ArgumentNullException.ThrowIfNull(options.L1Scale, nameof(options.L1Scale));
        if (options.L1Scale.Length != 0 && options.L1Scale.Length != dimension)
        {
            throw new ArgumentException($"L1Scale needs {dimension} entries or none; got {options.L1Scale.Length}.", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.QuadraticCurvature, nameof(options.QuadraticCurvature));
        if (options.QuadraticCurvature.Length != 0 && options.QuadraticCurvature.Length != dimension)
        {
            throw new ArgumentException($"QuadraticCurvature needs {dimension} entries or none; got {options.QuadraticCurvature.Length}.", nameof(options));
        }

        foreach (var curvature in options.QuadraticCurvature)
        {
            ThrowUnlessNonNegative(curvature, nameof(options.QuadraticCurvature));
        }

        l1Weights = new double[dimension];
        for (int j = 0; j < dimension; j++)
        {
            double scale = options.L1Scale.Length == 0 ? 1.0 : options.L1Scale[j];
            ThrowUnlessNonNegative(scale, nameof(options.L1Scale));
            l1Weights[j] = options.L1 * scale;
        }

        orthantWise = options.L1 > 0.0;
        gradientTolerance = options.GradientTolerance;
        relativeGradientTolerance = options.RelativeGradientTolerance;
        relativeTolerance = options.RelativeTolerance;
        lineSearch = new BacktrackingLineSearch(options.ArmijoC1, options.MaxLineSearchSteps);
        memory = new LbfgsMemory(options.Memory, dimension, (double[])options.QuadraticCurvature.Clone());
        current = new double[dimension];
        currentGradient = new double[dimension];
        direction = new double[dimension];
        trial = new double[dimension];
    }

    /// <summary>Where the minimizer stands; <see cref="LbfgsStatus.NeedEvaluation"/> until it stops.</summary>
    public LbfgsStatus Status { get; private set; }

    /// <summary>Why it stopped (with the numbers that decided it); null while it runs.</summary>
    public string? StopReason { get; private set; }

    /// <summary>
    /// The point at which to evaluate the smooth part f (loss + L2, without the L1 term) and its gradient next: the
    /// start point, or a line-search trial. The minimizer's own buffer: read it, do not change it, and read it again
    /// after each <see cref="Observe"/>. Meaningful while <see cref="Status"/> is <see cref="LbfgsStatus.NeedEvaluation"/>.
    /// </summary>
    public double[] PointToEvaluate => trial;

    /// <summary>The last accepted point (the start point until the first observation).</summary>
    public ReadOnlySpan<double> Current => current;

    /// <summary>The smooth part's gradient at <see cref="Current"/> (zeros before the first observation).</summary>
    public ReadOnlySpan<double> CurrentGradient => currentGradient;

    /// <summary>Whether the search direction is −v because the pairs gave no descent direction (and were dropped).</summary>
    public bool DirectionIsSteepestDescent { get; private set; }

    /// <summary>The full objective f + L1 term at <see cref="Current"/>; NaN before the first observation.</summary>
    public double CurrentObjective { get; private set; }

    /// <summary>The infinity norm of the gradient of f (of the OWL-QN pseudo-gradient when L1 &gt; 0) at <see cref="Current"/>; NaN before the first observation.</summary>
    public double CurrentGradientNorm { get; private set; }

    /// <summary>The infinity norm of the gradient (pseudo-gradient) at the start point, the scale of <see cref="LbfgsOptions.RelativeGradientTolerance"/>; NaN before the first observation.</summary>
    public double StartGradientNorm { get; private set; }

    /// <summary>How many steps were accepted.</summary>
    public int Iterations { get; private set; }

    /// <summary>How many evaluations were observed.</summary>
    public int Evaluations { get; private set; }

    /// <summary>Restores a minimizer from <paramref name="snapshot"/>; it goes on exactly as the one that took it.</summary>
    /// <param name="options">The options the snapshotted minimizer was created with.</param>
    /// <param name="snapshot">A snapshot from <see cref="ToSnapshot"/> (its arrays are copied).</param>
    /// <returns>The restored minimizer.</returns>
    /// <exception cref="ArgumentException">The snapshot's shapes or values do not fit the options or each other.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public static LbfgsMinimizer FromSnapshot(LbfgsOptions options, LbfgsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(snapshot.Current, nameof(snapshot));
        int n = snapshot.Current.Length;
        var minimizer = new LbfgsMinimizer(options, n);
        if (snapshot.CurrentGradient?.Length != n || snapshot.Direction is null || snapshot.PointToEvaluate is null
            || (snapshot.Direction.Length != n && snapshot.Direction.Length != 0)
            || (snapshot.PointToEvaluate.Length != n && snapshot.PointToEvaluate.Length != 0)
            || !Enum.IsDefined(snapshot.Status) || snapshot.Iterations < 0 || snapshot.Evaluations < snapshot.Iterations)
        {
            throw new ArgumentException($"The snapshot is not one of a minimizer over {n} coordinates.", nameof(snapshot));
        }

        snapshot.Current.CopyTo(minimizer.current, 0);
        snapshot.CurrentGradient.CopyTo(minimizer.currentGradient, 0);
        minimizer.memory.RestoreFrom(snapshot);
        minimizer.Status = snapshot.Status;
        minimizer.StopReason = snapshot.StopReason;
        minimizer.Iterations = snapshot.Iterations;
        minimizer.Evaluations = snapshot.Evaluations;
        minimizer.CurrentObjective = snapshot.CurrentObjective;
        minimizer.CurrentGradientNorm = snapshot.CurrentGradientNorm;
        minimizer.StartGradientNorm = snapshot.StartGradientNorm;
        minimizer.DirectionIsSteepestDescent = snapshot.DirectionIsSteepestDescent;
        if (snapshot.Direction.Length == n)
        {
            snapshot.Direction.CopyTo(minimizer.direction, 0);
        }
        else if (minimizer.IsSearching)
        {
            // The same inputs as when it was chosen: the point, its gradient and the pairs kept then (none after a fallback).
            if (snapshot.DirectionIsSteepestDescent)
            {
                minimizer.TakeSteepestDescent();
            }
            else
            {
                minimizer.ChooseDirection();
            }
        }

        if (minimizer.IsSearching)
        {
            minimizer.lineSearch.Resume(snapshot.LineSearchStartValue, snapshot.LineSearchStep, snapshot.LineSearchTrials);
        }

        if (snapshot.PointToEvaluate.Length == n)
        {
            snapshot.PointToEvaluate.CopyTo(minimizer.trial, 0);
        }
        else if (minimizer.IsSearching)
        {
            minimizer.PlaceTrial();
        }
        else
        {
            // Before the first observation the point to evaluate is the start; once stopped there is none.
            minimizer.current.CopyTo(minimizer.trial, 0);
        }

        return minimizer;
    }

    /// <summary>
    /// Copies the whole state out. The line-search fields are meaningful only while a search runs (after the first
    /// observation, until the minimizer stops).
    /// </summary>
    /// <param name="withVectors">
    /// Whether to copy the vectors (the point, its gradient, the direction, the point to evaluate and the pairs'
    /// m × 2n values); without, they are empty and a caller that keeps them elsewhere reads them from
    /// <see cref="Current"/> and <see cref="CurrentGradient"/> (see <see cref="LbfgsSnapshot"/>).
    /// </param>
    /// <returns>A new snapshot that shares no array with the minimizer.</returns>
    public LbfgsSnapshot ToSnapshot(bool withVectors = true)
    {
        var snapshot = new LbfgsSnapshot
        {
            Status = Status,
            StopReason = StopReason,
            Iterations = Iterations,
            Evaluations = Evaluations,
            Current = withVectors ? (double[])current.Clone() : [],
            CurrentGradient = withVectors ? (double[])currentGradient.Clone() : [],
            CurrentObjective = CurrentObjective,
            CurrentGradientNorm = CurrentGradientNorm,
            StartGradientNorm = StartGradientNorm,
            Direction = withVectors ? (double[])direction.Clone() : [],
            DirectionIsSteepestDescent = DirectionIsSteepestDescent,
            PointToEvaluate = withVectors ? (double[])trial.Clone() : [],
            LineSearchStartValue = lineSearch.StartValue,
            LineSearchStep = lineSearch.Step,
            LineSearchTrials = lineSearch.Trials,
        };
        memory.CopyTo(snapshot, withVectors);
        return snapshot;
    }

    /// <summary>
    /// Takes the value and gradient of the smooth part f at <see cref="PointToEvaluate"/> and moves on: accepts the
    /// point or asks for a shorter trial, tests for convergence, and places the next point to evaluate. A non-finite
    /// value or gradient counts as no decrease.
    /// </summary>
    /// <param name="smoothValue">f at <see cref="PointToEvaluate"/>.</param>
    /// <param name="smoothGradient">The gradient of f there.</param>
    /// <returns>The new <see cref="Status"/>.</returns>
    /// <exception cref="ArgumentException">The gradient has the wrong length.</exception>
    /// <exception cref="InvalidOperationException">The minimizer has stopped.</exception>
    public LbfgsStatus Observe(double smoothValue, ReadOnlySpan<double> smoothGradient)
    {
        if (Status != LbfgsStatus.NeedEvaluation)
        {
            throw new InvalidOperationException($"The minimizer has stopped ({Status}): {StopReason}");
        }

        if (smoothGradient.Length != trial.Length)
        {
            throw new ArgumentException($"Expected a gradient of {trial.Length} entries, got {smoothGradient.Length}.", nameof(smoothGradient));
        }

        Evaluations++;
        double objective = smoothValue + OrthantWise.Penalty(trial, l1Weights);
        if (!AllFinite(smoothGradient))
        {
            objective = double.NaN;
        }

        if (Evaluations == 1)
        {
            if (!double.IsFinite(objective))
            {
                return Stop(LbfgsStatus.Failed, "The objective or its gradient is not finite at the start point.");
            }

            MoveToTrial(objective, smoothGradient);
            StartGradientNorm = CurrentGradientNorm;
            return StartIteration(afterAcceptedStep: false);
        }

        var outcome = lineSearch.Judge(objective, PredictedChange(), TrialSlope(smoothGradient));
        if (outcome == LineSearchOutcome.TryShorterStep)
        {
            PlaceTrial();
            return Status;
        }

        if (outcome == LineSearchOutcome.Accept && TrialMoves())
        {
            memory.TryAdd(current, trial, currentGradient, smoothGradient, Iterations);
            double previous = CurrentObjective;
            MoveToTrial(objective, smoothGradient);
            Iterations++;
            double scale = Math.Max(Math.Max(Math.Abs(previous), Math.Abs(objective)), 1.0);
            if (relativeTolerance > 0.0 && previous - objective <= relativeTolerance * scale)
            {
                return Stop(
                    LbfgsStatus.Converged,
                    $"The objective changed by {(previous - objective) / scale:E3} relative, at most the tolerance {relativeTolerance:E3}.");
            }

            return StartIteration(afterAcceptedStep: true);
        }

        if (memory.Count > 0)
        {
            memory.Clear();
            return StartIteration(afterAcceptedStep: false);
        }

        string what = outcome == LineSearchOutcome.GiveUp
            ? $"found no sufficient decrease in {lineSearch.Trials} trials (last step {lineSearch.Step:E3})"
            : $"reached a step ({lineSearch.Step:E3}) too short to move the point";
        return Stop(
            LbfgsStatus.Failed,
            $"The line search along the steepest-descent direction {what}; the gradient's infinity norm is {CurrentGradientNorm:E3}.");
    }

    private bool IsSearching => Status == LbfgsStatus.NeedEvaluation && Evaluations > 0;

    private static void ThrowUnlessNonNegative(double value, string name)
    {
        if (!(value >= 0.0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be finite and 0 or more.");
        }
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }

    private LbfgsStatus Stop(LbfgsStatus status, string reason)
    {
        Status = status;
        StopReason = reason;
        return status;
    }

    /// <summary>
    /// Stops if the gradient is small enough (absolutely or relative to the start's); otherwise chooses the direction
    /// and places the first trial, at step 1 with pairs kept; without, at twice the step just accepted, or at 1 / |d| at
    /// the start and after a search that gave up: a move of unit length whatever the gradient's scale (L-BFGS-B's first
    /// step). A cap at step 1 made the move as short as the gradient: a loss averaged over many rows has a gradient far
    /// below 1, and the first pairs then came from steps so short that every later step was scaled by them.
    /// </summary>
    private LbfgsStatus StartIteration(bool afterAcceptedStep)
    {
        string gradient = orthantWise ? "pseudo-gradient" : "gradient";
        if (CurrentGradientNorm <= gradientTolerance)
        {
            return Stop(
                LbfgsStatus.Converged,
                $"The {gradient}'s infinity norm {CurrentGradientNorm:E3} is at most the tolerance {gradientTolerance:E3}.");
        }

        if (CurrentGradientNorm <= relativeGradientTolerance * StartGradientNorm)
        {
            return Stop(
                LbfgsStatus.Converged,
                $"The {gradient}'s infinity norm {CurrentGradientNorm:E3} is at most {relativeGradientTolerance:E3} of its {StartGradientNorm:E3} at the start.");
        }

        ChooseDirection();
        double initialStep = memory.Count > 0 ? 1.0
            : afterAcceptedStep ? 2.0 * lineSearch.Step
            : UnitMoveStep();
        lineSearch.Start(CurrentObjective, initialStep);
        PlaceTrial();
        return Status;
    }

    /// <summary>1 / |d|: the step that moves the point by 1; at most the largest double, should |d|² underflow to 0.</summary>
    private double UnitMoveStep() => Math.Min(1.0 / Math.Sqrt(OrderedVectorMath.Dot(direction, direction)), double.MaxValue);

    /// <summary>d = −H v, sign-aligned with −v under L1; −v when that is no descent direction (the pairs are then dropped).</summary>
    private void ChooseDirection()
    {
        DirectionIsSteepestDescent = false;
        for (int j = 0; j < direction.Length; j++)
        {
            direction[j] = PseudoGradient(j);
        }

        memory.MultiplyByInverseHessian(direction);
        double slope = 0.0;
        for (int j = 0; j < direction.Length; j++)
        {
            double descent = -direction[j];
            double pseudoGradient = PseudoGradient(j);
            if (orthantWise && descent * pseudoGradient >= 0.0)
            {
                descent = 0.0;
            }

            direction[j] = descent;
            slope += pseudoGradient * descent;
        }

        if (slope < 0.0)
        {
            return;
        }

        memory.Clear();
        TakeSteepestDescent();
    }

    /// <summary>d = −v.</summary>
    private void TakeSteepestDescent()
    {
        DirectionIsSteepestDescent = true;
        for (int j = 0; j < direction.Length; j++)
        {
            direction[j] = -PseudoGradient(j);
        }
    }

    private void PlaceTrial()
    {
        double step = lineSearch.Step;
        for (int j = 0; j < trial.Length; j++)
        {
            trial[j] = OrthantWise.Project(current[j] + (step * direction[j]), current[j], PseudoGradient(j), l1Weights[j]);
        }
    }

    /// <summary>v · (trial − current), the first-order change of the objective towards the trial.</summary>
    private double PredictedChange()
    {
        double change = 0.0;
        for (int j = 0; j < trial.Length; j++)
        {
            change += PseudoGradient(j) * (trial[j] - current[j]);
        }

        return change;
    }

    /// <summary>
    /// The slope of the objective at the trial towards it from the current point, (g(trial) + lambda ξ) · (trial − current),
    /// with ξ the signs of the orthant the trial was kept in.
    /// </summary>
    private double TrialSlope(ReadOnlySpan<double> trialGradient)
    {
        double slope = 0.0;
        for (int j = 0; j < trial.Length; j++)
        {
            double orthant = current[j] != 0.0 ? Math.Sign(current[j]) : -Math.Sign(PseudoGradient(j));
            slope += (trialGradient[j] + (l1Weights[j] * orthant)) * (trial[j] - current[j]);
        }

        return slope;
    }

    private bool TrialMoves()
    {
        for (int j = 0; j < trial.Length; j++)
        {
            if (trial[j] != current[j])
            {
                return true;
            }
        }

        return false;
    }

    private void MoveToTrial(double objective, ReadOnlySpan<double> gradient)
    {
        trial.CopyTo(current, 0);
        gradient.CopyTo(currentGradient);
        CurrentObjective = objective;
        double norm = 0.0;
        for (int j = 0; j < current.Length; j++)
        {
            norm = Math.Max(norm, Math.Abs(PseudoGradient(j)));
        }

        CurrentGradientNorm = norm;
    }

    private double PseudoGradient(int j) => OrthantWise.PseudoGradient(current[j], currentGradient[j], l1Weights[j]);
}
