namespace OrleansTrainer.Numerics;

/// <summary>
/// A backtracking line search driven by its caller, one trial at a time: the caller evaluates the objective at
/// start + <see cref="Step"/> × direction (or a projection of it), and <see cref="Judge"/> accepts the trial when it
/// meets Armijo's sufficient-decrease condition (or its form that survives rounding, see <see cref="Judge"/>), or
/// shortens the step to the minimizer of the cubic that matches the values and slopes at both ends of the trial, kept
/// between <see cref="SmallestShrink"/> and <see cref="LargestShrink"/> of it (Nocedal and Wright, section 3.5). Its
/// whole state is (<see cref="StartValue"/>, <see cref="Step"/>, <see cref="Trials"/>), which <see cref="Resume"/>
/// restores: the next step is decided when a trial is judged, from that trial's numbers alone.
/// </summary>
public sealed class BacktrackingLineSearch
{
    /// <summary>The longest next step after a rejected trial, as a fraction of its step: every rejection at least halves the step.</summary>
    public const double LargestShrink = 0.5;

    /// <summary>
    /// The shortest next step after a rejected trial, as a fraction of its step: the cubic's minimizer is trusted no
    /// further than a tenfold shortening per trial, so a model spoilt by a trial far outside its range costs trials, not
    /// a step too short to move.
    /// </summary>
    public const double SmallestShrink = 0.1;

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
    /// value is never accepted. Otherwise, unless <see cref="MaxTrials"/> trials have been judged, the next step is
    /// <see cref="ShrinkFraction"/> of this one.
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

        Step *= ShrinkFraction(trialValue - StartValue, predictedChange, trialSlope);
        return LineSearchOutcome.TryShorterStep;
    }

    /// <summary>
    /// Where the minimum of the objective along a rejected trial is expected, as a fraction u of the trial: with the
    /// trial scaled to [0, 1], the cubic φ with φ(0) = 0, φ'(0) = P, φ(1) = <paramref name="rise"/> = f(trial) − f0 and
    /// φ'(1) = S has its minimizer at u = 1 − (S + r − c) / (S − P + 2r), c = P + S − 3 × rise, r = √(c² − P S)
    /// (Nocedal and Wright, eq. 3.59 with a = 0, b = 1). The result is kept within [<see cref="SmallestShrink"/>,
    /// <see cref="LargestShrink"/>]; where it is not a number (a non-finite value or slope, or a cubic without a
    /// minimum, c² &lt; P S) the step is halved.
    /// </summary>
    /// <param name="rise">f(trial) − f(start); above c1 P, as the trial was rejected.</param>
    /// <param name="predictedChange">P = gradient(start) · (trial − start), below 0.</param>
    /// <param name="trialSlope">S = gradient(trial) · (trial − start).</param>
    /// <returns>The next step as a fraction of the rejected one.</returns>
    public static double ShrinkFraction(double rise, double predictedChange, double trialSlope)
    {
        double c = predictedChange + trialSlope - (3.0 * rise);
        double r = Math.Sqrt((c * c) - (predictedChange * trialSlope));
        double fraction = 1.0 - ((trialSlope + r - c) / (trialSlope - predictedChange + (2.0 * r)));

        return double.IsNaN(fraction) ? LargestShrink : Math.Clamp(fraction, SmallestShrink, LargestShrink);
    }
}
