namespace OrleansTrainer.Numerics;

/// <summary>
/// A backtracking line search driven by its caller, one trial at a time: the caller evaluates the objective at
/// start + <see cref="Step"/> × direction (or a projection of it), and <see cref="Judge"/> accepts the trial when it
/// meets Armijo's sufficient-decrease condition (or its form that survives rounding, see <see cref="Judge"/>), or
/// halves the step. Its whole state is (<see cref="StartValue"/>, <see cref="Step"/>, <see cref="Trials"/>), which
/// <see cref="Resume"/> restores.
/// </summary>
public sealed class BacktrackingLineSearch
{
    /// <summary>What a rejected trial's step is multiplied by.</summary>
    public const double ShrinkFactor = 0.5;

    /// <summary>
    /// The rounding level of objective values relative to |<see cref="StartValue"/>|, below which <see cref="Judge"/>
    /// decides by slopes instead of values.
    /// </summary>
    public const double RoundingTolerance = 1e-10;

    /// <summary>Creates a line search; call <see cref="Start"/> before judging trials.</summary>
    /// <param name="armijoC1">Armijo's constant, in (0, 1).</param>
    /// <param name="maxTrials">How many trials one search may make, 1 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public BacktrackingLineSearch(double armijoC1, int maxTrials)
    {
        if (!(armijoC1 is > 0.0 and < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(armijoC1), armijoC1, "Armijo's constant must lie in (0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxTrials);
        ArmijoC1 = armijoC1;
        MaxTrials = maxTrials;
    }

    /// <summary>Armijo's constant c1: a trial is accepted when f(trial) ≤ f(start) + c1 × (predicted change).</summary>
    public double ArmijoC1 { get; }

    /// <summary>How many trials one search may make.</summary>
    public int MaxTrials { get; }

    /// <summary>The objective at the start point of the current search.</summary>
    public double StartValue { get; private set; }

    /// <summary>The step length of the next trial (of the accepted one after <see cref="LineSearchOutcome.Accept"/>).</summary>
    public double Step { get; private set; }

    /// <summary>How many trials the current search has judged.</summary>
    public int Trials { get; private set; }

    /// <summary>Starts a search from a point whose objective is <paramref name="startValue"/>.</summary>
    /// <param name="startValue">The objective at the start point, finite.</param>
    /// <param name="initialStep">The first trial's step length, finite and above 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void Start(double startValue, double initialStep) => Resume(startValue, initialStep, 0);

    /// <summary>Puts the search back in a state read from <see cref="StartValue"/>, <see cref="Step"/> and <see cref="Trials"/>.</summary>
    /// <param name="startValue">The objective at the start point, finite.</param>
    /// <param name="step">The step length of the next trial, finite and above 0.</param>
    /// <param name="trials">The trials judged so far, from 0 to <see cref="MaxTrials"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of its range.</exception>
    public void Resume(double startValue, double step, int trials)
    {
        if (!double.IsFinite(startValue))
        {
            throw new ArgumentOutOfRangeException(nameof(startValue), startValue, "The start value must be finite.");
        }

        if (!(step > 0.0 && double.IsFinite(step)))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be finite and above 0.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trials, MaxTrials);
        StartValue = startValue;
        Step = step;
        Trials = trials;
    }

    /// <summary>
    /// Judges the trial at the current <see cref="Step"/>. With f0 = <see cref="StartValue"/>, P = <paramref name="predictedChange"/>
    /// and S = <paramref name="trialSlope"/>, it is accepted when Armijo's condition f(trial) ≤ f0 + c1 P holds. Near a
    /// minimum the decrease sinks below the rounding of the values, and Armijo's test turns into a coin toss; so when
    /// even the change predicted for step 1, |P| / <see cref="Step"/>, is at most <see cref="RoundingTolerance"/> |f0|,
    /// the trial is also accepted when S ≤ (2 c1 − 1) P and f(trial) ≤ f0 + <see cref="RoundingTolerance"/> |f0|: the
    /// slope form of Armijo's condition (exact for a quadratic; Hager and Zhang's approximate Wolfe bound). A non-finite
    /// value is never accepted. Otherwise the step is multiplied by <see cref="ShrinkFactor"/> for the next trial, unless
    /// <see cref="MaxTrials"/> trials have been judged.
    /// </summary>
    /// <param name="trialValue">The objective at the trial point.</param>
    /// <param name="predictedChange">The first-order change towards the trial, gradient(start) · (trial − start); below 0 along a descent direction.</param>
    /// <param name="trialSlope">The same with the gradient at the trial, gradient(trial) · (trial − start).</param>
    /// <returns>What to do next.</returns>
    /// <exception cref="InvalidOperationException">The search has no trials left.</exception>
    public LineSearchOutcome Judge(double trialValue, double predictedChange, double trialSlope)
    {
        if (Trials >= MaxTrials)
        {
            throw new InvalidOperationException($"The line search has judged its {MaxTrials} trials; start a new one.");
        }

        Trials++;
        bool sufficientDecrease = trialValue <= StartValue + (ArmijoC1 * predictedChange);
        double roundingLevel = RoundingTolerance * Math.Abs(StartValue);
        bool decreaseBelowRounding = Math.Abs(predictedChange) <= roundingLevel * Step
            && trialValue <= StartValue + roundingLevel
            && trialSlope <= ((2.0 * ArmijoC1) - 1.0) * predictedChange;
        if (sufficientDecrease || decreaseBelowRounding)
        {
            return LineSearchOutcome.Accept;
        }

        if (Trials == MaxTrials)
        {
            return LineSearchOutcome.GiveUp;
        }

        Step *= ShrinkFactor;
        return LineSearchOutcome.TryShorterStep;
    }
}
