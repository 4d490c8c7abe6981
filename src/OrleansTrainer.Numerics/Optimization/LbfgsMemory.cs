namespace OrleansTrainer.Numerics;

/// <summary>
/// The last m (step, gradient change) pairs (none when m is 0) of L-BFGS in a ring, and the two-loop recursion that multiplies a
/// vector by the inverse-Hessian approximation they define. Dot products run in index order, so the results are
/// the same on every machine.
/// </summary>
internal sealed class LbfgsMemory
{
    /// <summary>A pair is kept only when s · y exceeds this times |s| |y|, which keeps the approximation positive definite.</summary>
    private const double MinimumCurvatureCosine = 1e-10;

    private readonly int dimension;
    private readonly double[] steps;
    private readonly double[] gradientChanges;
    private readonly double[] inverseCurvatures;
    private readonly double[] coefficients;
    private readonly double[] knownCurvature;
    private readonly long[] generations;
    private readonly long[] origins;

    /// <summary>
    /// An empty memory of <paramref name="capacity"/> pairs of <paramref name="dimension"/> coordinates;
    /// <paramref name="knownCurvature"/> (empty or one per coordinate) is the curvature of a known separable quadratic part.
    /// </summary>
    public LbfgsMemory(int capacity, int dimension, double[] knownCurvature)
    {
        this.dimension = dimension;
        this.knownCurvature = knownCurvature;
        steps = new double[capacity * dimension];
        gradientChanges = new double[capacity * dimension];
        inverseCurvatures = new double[capacity];
        coefficients = new double[capacity];
        generations = new long[capacity];
        origins = new long[capacity];
    }

    /// <summary>How many pairs have ever been kept: the generation the next pair gets.</summary>
    public long PairsAdded { get; private set; }

    /// <summary>How many pairs fit.</summary>
    public int Capacity => inverseCurvatures.Length;

    /// <summary>How many pairs are kept.</summary>
    public int Count { get; private set; }

    /// <summary>The slot the next pair goes to (the oldest pair's once full).</summary>
    public int NextSlot { get; private set; }

    /// <summary>
    /// Keeps the pair s = newPoint − oldPoint, y = newGradient − oldGradient, over the oldest one when full, unless its
    /// curvature s · y is too small; <paramref name="origin"/> is the number of accepted steps at the old point.
    /// </summary>
    /// <returns>Whether the pair was kept.</returns>
    public bool TryAdd(ReadOnlySpan<double> oldPoint, ReadOnlySpan<double> newPoint, ReadOnlySpan<double> oldGradient, ReadOnlySpan<double> newGradient, long origin)
    {
        if (Capacity == 0)
        {
            return false;
        }

        double curvature = 0.0;
        double stepNormSquared = 0.0;
        double changeNormSquared = 0.0;
        for (int j = 0; j < dimension; j++)
        {
            double s = newPoint[j] - oldPoint[j];
            double y = newGradient[j] - oldGradient[j];
            curvature += s * y;
            stepNormSquared += s * s;
            changeNormSquared += y * y;
        }

        if (!(curvature > MinimumCurvatureCosine * Math.Sqrt(stepNormSquared) * Math.Sqrt(changeNormSquared)) || !double.IsFinite(curvature))
        {
            return false;
        }

        WritePair(oldPoint, newPoint, oldGradient, newGradient, Slot(steps, NextSlot), Slot(gradientChanges, NextSlot));
        inverseCurvatures[NextSlot] = 1.0 / curvature;
        generations[NextSlot] = PairsAdded++;
        origins[NextSlot] = origin;
        NextSlot = (NextSlot + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
        return true;
    }

    /// <summary>
    /// Writes s = newPoint − oldPoint and y = newGradient − oldGradient: the one place a pair's vectors are computed, so
    /// that a pair rebuilt from its two points (<see cref="LbfgsSnapshot.RebuildPair"/>) has the bits of the kept one.
    /// </summary>
    public static void WritePair(ReadOnlySpan<double> oldPoint, ReadOnlySpan<double> newPoint, ReadOnlySpan<double> oldGradient, ReadOnlySpan<double> newGradient,
        Span<double> step, Span<double> gradientChange)
    {
        for (int j = 0; j < step.Length; j++)
        {
            step[j] = newPoint[j] - oldPoint[j];
            gradientChange[j] = newGradient[j] - oldGradient[j];
        }
    }

    /// <summary>Forgets every pair (the approximation becomes the identity).</summary>
    public void Clear()
    {
        Count = 0;
        NextSlot = 0;
    }

    /// <summary>
    /// vector ← H vector by the two-loop recursion, with H0 = (s · y / y · y) I from the newest pair (the identity
    /// while no pair is kept) — or, with a known curvature D, H0 = diag(1 / (c + D_j)), c the curvature of the newest
    /// pair once D is taken out (1 while no pair is kept).
    /// </summary>
    public void MultiplyByInverseHessian(Span<double> vector)
    {
        for (int age = 0; age < Count; age++)
        {
            int slot = SlotOfAge(age);
            double coefficient = inverseCurvatures[slot] * OrderedVectorMath.Dot(Slot(steps, slot), vector);
            coefficients[slot] = coefficient;
            OrderedVectorMath.AddScaled(-coefficient, Slot(gradientChanges, slot), vector);
        }

        if (knownCurvature.Length > 0)
        {
            double remaining = RemainingCurvature();
            for (int j = 0; j < dimension; j++)
            {
                vector[j] /= remaining + knownCurvature[j];
            }
        }
        else if (Count > 0)
        {
            int newest = SlotOfAge(0);
            var change = Slot(gradientChanges, newest);
            double initialScale = 1.0 / (inverseCurvatures[newest] * OrderedVectorMath.Dot(change, change));
            for (int j = 0; j < dimension; j++)
            {
                vector[j] *= initialScale;
            }
        }

        for (int age = Count - 1; age >= 0; age--)
        {
            int slot = SlotOfAge(age);
            double correction = inverseCurvatures[slot] * OrderedVectorMath.Dot(Slot(gradientChanges, slot), vector);
            OrderedVectorMath.AddScaled(coefficients[slot] - correction, Slot(steps, slot), vector);
        }
    }

    /// <summary>
    /// The curvature y·y / s·y of the newest pair with the known part taken out of y (y − D∘s); the whole pair's when
    /// that part shows none; 1 while no pair is kept.
    /// </summary>
    private double RemainingCurvature()
    {
        if (Count == 0)
        {
            return 1.0;
        }

        int newest = SlotOfAge(0);
        var step = Slot(steps, newest);
        var change = Slot(gradientChanges, newest);
        double stepChange = 0.0, changeSquared = 0.0;
        for (int j = 0; j < dimension; j++)
        {
            double rest = change[j] - knownCurvature[j] * step[j];
            stepChange += step[j] * rest;
            changeSquared += rest * rest;
        }

        return stepChange > 0.0 && changeSquared > 0.0
            ? changeSquared / stepChange
            : OrderedVectorMath.Dot(change, change) * inverseCurvatures[newest];
    }

    /// <summary>Copies the pairs into <paramref name="snapshot"/>; their vectors only if <paramref name="withVectors"/> (else see <see cref="LbfgsSnapshot.RebuildPair"/>).</summary>
    public void CopyTo(LbfgsSnapshot snapshot, bool withVectors)
    {
        snapshot.PairSteps = withVectors ? (double[])steps.Clone() : [];
        snapshot.PairGradientChanges = withVectors ? (double[])gradientChanges.Clone() : [];
        snapshot.PairInverseCurvatures = (double[])inverseCurvatures.Clone();
        snapshot.PairCount = Count;
        snapshot.NextPair = NextSlot;
        snapshot.PairGenerations = (long[])generations.Clone();
        snapshot.PairOrigins = (long[])origins.Clone();
        snapshot.PairsAdded = PairsAdded;
    }

    /// <summary>Takes the pairs from <paramref name="snapshot"/> (whose pair vectors may be empty when it keeps no pair).</summary>
    /// <exception cref="ArgumentException">The snapshot's pairs do not fit this memory.</exception>
    public void RestoreFrom(LbfgsSnapshot snapshot)
    {
        bool withoutVectors = snapshot.PairCount == 0 && snapshot.PairSteps.Length == 0 && snapshot.PairGradientChanges.Length == 0;
        if (!withoutVectors && (snapshot.PairSteps.Length != steps.Length || snapshot.PairGradientChanges.Length != gradientChanges.Length)
            || snapshot.PairInverseCurvatures.Length != Capacity
            || snapshot.PairCount < 0 || snapshot.PairCount > Capacity
            || snapshot.NextPair < 0 || snapshot.NextPair >= Math.Max(Capacity, 1)
            || snapshot.PairGenerations.Length != Capacity
            || snapshot.PairOrigins.Length != Capacity)
        {
            throw new ArgumentException(
                $"The snapshot's pairs do not fit a memory of {Capacity} pairs of {dimension} coordinates.", nameof(snapshot));
        }

        if (!withoutVectors)
        {
            snapshot.PairSteps.CopyTo(steps, 0);
            snapshot.PairGradientChanges.CopyTo(gradientChanges, 0);
        }

        snapshot.PairInverseCurvatures.CopyTo(inverseCurvatures, 0);
        Count = snapshot.PairCount;
        NextSlot = snapshot.NextPair;
        snapshot.PairGenerations.CopyTo(generations, 0);
        snapshot.PairOrigins.CopyTo(origins, 0);
        PairsAdded = snapshot.PairsAdded;
    }

    private Span<double> Slot(double[] pairs, int slot) => pairs.AsSpan(slot * dimension, dimension);

    private int SlotOfAge(int age) => (NextSlot - 1 - age + (2 * Capacity)) % Capacity;
}
