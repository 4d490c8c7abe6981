using MathNet.Numerics.LinearAlgebra;

namespace OrleansTrainer.Numerics;

/// <summary>The solution of <see cref="NormalEquations.Solve"/> and how it was found.</summary>
/// <param name="Weights">The feature weights, in the coordinates of the original (uncentered) features.</param>
/// <param name="Intercept">The intercept (0 without one).</param>
/// <param name="Method">"cholesky", or "svd" where the system was not positive definite or was ill-conditioned.</param>
/// <param name="ConditionEstimate">
/// The estimated 2-norm condition number of the (diagonally equilibrated) system matrix: the squared ratio of the
/// largest to the smallest Cholesky pivot, or the ratio of the extreme singular values (∞ when singular).
/// </param>
public sealed record NormalEquationsResult(double[] Weights, double Intercept, string Method, double ConditionEstimate);

/// <summary>
/// Weighted least squares and ridge from the sums of <see cref="GramKernel"/>: minimizes
/// (1 / (2W)) sum_i s_i (x_i·w + b − y_i)² + (l2 / 2) sum_j l2Scale_j w_j², W = sum_i s_i, the
/// intercept unpenalized. The system (S / W + l2 diag(l2Scale)) w = r / W is equilibrated to a unit
/// diagonal and solved by Cholesky; where that fails or the pivots say the condition number exceeds
/// <see cref="ConditionLimit"/>, by a pseudo-inverse from the SVD that drops singular values below
/// 1 / <see cref="ConditionLimit"/> of the largest (the minimum-norm solution in equilibrated coordinates).
/// </summary>
public static class NormalEquations
{
    /// <summary>Condition estimates above this switch from Cholesky to the SVD.</summary>
    public const double ConditionLimit = 1e12;

    /// <summary>Solves the (ridge) least-squares problem the sums describe.</summary>
    /// <param name="sums">Sums of the centered features x − c (see <see cref="GramSums"/>), with WeightSum &gt; 0.</param>
    /// <param name="center">The center c the sums were taken around (cols entries), or empty if none.</param>
    /// <param name="fitIntercept">
    /// Whether to fit b: then the sums are re-centered on the weighted mean exactly (S = XtX − XSum XSumᵀ / W,
    /// r = Xty − XSum YSum / W), so a center near the mean keeps full accuracy; otherwise they are un-centered
    /// exactly (sum s x xᵀ = XtX + c XSumᵀ + XSum cᵀ + W c cᵀ, sum s x y = Xty + c YSum).
    /// </param>
    /// <param name="l2">The ridge strength, 0 or more.</param>
    /// <param name="l2Scale">A factor ≥ 0 per weight on the ridge (cols entries), or empty for all 1.</param>
    /// <returns>The weights, the intercept, the method used and the condition estimate.</returns>
    /// <exception cref="ArgumentException">The lengths do not fit, or the sums have no weight.</exception>
    /// <exception cref="ArgumentOutOfRangeException">l2 or an l2 scale is negative or not finite.</exception>
    public static NormalEquationsResult Solve(
        GramSums sums, ReadOnlySpan<double> center, bool fitIntercept, double l2, ReadOnlySpan<double> l2Scale)
    {
        ArgumentNullException.ThrowIfNull(sums);
        int cols = sums.Cols;
        double total = sums.WeightSum;
        Check(cols, total, center, l2, l2Scale);
        var (system, target) = fitIntercept
            ? MeanCentered(sums)
            : Uncentered(sums, center);
        for (int j = 0; j < cols; j++)
        {
            for (int k = 0; k < cols; k++)
            {
                system[j, k] /= total;
            }

            system[j, j] += l2 * (l2Scale.IsEmpty ? 1.0 : l2Scale[j]);
            target[j] /= total;
        }

        var (weights, method, condition) = SolveEquilibrated(system, target);
        double intercept = 0.0;
        if (fitIntercept)
        {
            // b = mean(y) − mean(x)·w with mean(x) = c + XSum / W.
            intercept = sums.YSum / total;
            for (int j = 0; j < cols; j++)
            {
                double mean = (center.IsEmpty ? 0.0 : center[j]) + (sums.XSum[j] / total);
                intercept -= mean * weights[j];
            }
        }

        return new NormalEquationsResult(weights, intercept, method, condition);
    }

    private static void Check(int cols, double total, ReadOnlySpan<double> center, double l2, ReadOnlySpan<double> l2Scale)
    {
        if (!(total > 0.0) || !double.IsFinite(total))
        {
            throw new ArgumentException($"The sums have weight {total}; at least one row with positive weight is needed.", "sums");
        }

        if (!center.IsEmpty && center.Length != cols)
        {
            throw new ArgumentException($"Expected a center of {cols} entries or none, got {center.Length}.", nameof(center));
        }

        if (!(l2 >= 0.0) || !double.IsFinite(l2))
        {
            throw new ArgumentOutOfRangeException(nameof(l2), l2, "The ridge strength must be finite and non-negative.");
        }

        if (!l2Scale.IsEmpty && l2Scale.Length != cols)
        {
            throw new ArgumentException($"Expected {cols} ridge scales or none, got {l2Scale.Length}.", nameof(l2Scale));
        }

        foreach (double scale in l2Scale)
        {
            if (!(scale >= 0.0) || !double.IsFinite(scale))
            {
                throw new ArgumentOutOfRangeException(nameof(l2Scale), scale, "Ridge scales must be finite and non-negative.");
            }
        }
    }

    // Around the weighted mean m = c + XSum / W: S = XtX − XSum XSumᵀ / W, r = Xty − XSum YSum / W.
    private static (Matrix<double> System, double[] Target) MeanCentered(GramSums sums)
    {
        int cols = sums.Cols;
        double total = sums.WeightSum;
        var system = Matrix<double>.Build.Dense(cols, cols);
        var target = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            double shift = sums.XSum[j] / total;
            for (int k = 0; k < cols; k++)
            {
                system[j, k] = sums.XtX[(j * cols) + k] - (shift * sums.XSum[k]);
            }

            target[j] = sums.Xty[j] - (shift * sums.YSum);
        }

        Symmetrize(system);
        return (system, target);
    }

    // Around the origin: sum s x xᵀ = XtX + c XSumᵀ + XSum cᵀ + W c cᵀ, sum s x y = Xty + c YSum.
    private static (Matrix<double> System, double[] Target) Uncentered(GramSums sums, ReadOnlySpan<double> center)
    {
        int cols = sums.Cols;
        double total = sums.WeightSum;
        var system = Matrix<double>.Build.Dense(cols, cols);
        var target = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            double cj = center.IsEmpty ? 0.0 : center[j];
            for (int k = 0; k < cols; k++)
            {
                double ck = center.IsEmpty ? 0.0 : center[k];
                system[j, k] = sums.XtX[(j * cols) + k] + (cj * sums.XSum[k]) + (sums.XSum[j] * ck) + (total * cj * ck);
            }

            target[j] = sums.Xty[j] + (cj * sums.YSum);
        }

        Symmetrize(system);
        return (system, target);
    }

    // Exact symmetry (the corrections above round differently on the two sides).
    private static void Symmetrize(Matrix<double> system)
    {
        for (int j = 0; j < system.RowCount; j++)
        {
            for (int k = j + 1; k < system.ColumnCount; k++)
            {
                double mean = 0.5 * (system[j, k] + system[k, j]);
                system[j, k] = mean;
                system[k, j] = mean;
            }
        }
    }

    // D^-1 M D^-1 (D w) = D^-1 t with D = sqrt(diag M): a unit diagonal, so the pivot ratio measures conditioning
    // and not the features' units.
    private static (double[] Weights, string Method, double Condition) SolveEquilibrated(Matrix<double> system, double[] target)
    {
        int cols = target.Length;
        if (cols == 0)
        {
            return ([], "cholesky", 1.0);
        }

        var scale = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            double diagonal = system[j, j];
            scale[j] = diagonal > 0.0 && double.IsFinite(diagonal) ? 1.0 / Math.Sqrt(diagonal) : 1.0;
        }

        var scaled = Matrix<double>.Build.Dense(cols, cols, (j, k) => system[j, k] * scale[j] * scale[k]);
        var rhs = Vector<double>.Build.Dense(cols, j => target[j] * scale[j]);
        Vector<double>? solution = null;
        string method = "cholesky";
        double condition = double.PositiveInfinity;
        try
        {
            var cholesky = scaled.Cholesky();
            double largest = 0.0;
            double smallest = double.PositiveInfinity;
            for (int j = 0; j < cols; j++)
            {
                double pivot = Math.Abs(cholesky.Factor[j, j]);
                largest = Math.Max(largest, pivot);
                smallest = Math.Min(smallest, pivot);
            }

            condition = smallest > 0.0 ? (largest / smallest) * (largest / smallest) : double.PositiveInfinity;
            if (condition <= ConditionLimit)
            {
                solution = cholesky.Solve(rhs);
            }
        }
        catch (ArgumentException)
        {
            // Not positive definite: fall through to the SVD.
        }

        if (solution is null || !solution.All(double.IsFinite))
        {
            method = "svd";
            (solution, condition) = PseudoInverseSolve(scaled, rhs);
        }

        var weights = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            weights[j] = solution[j] * scale[j];
        }

        return (weights, method, condition);
    }

    private static (Vector<double> Solution, double Condition) PseudoInverseSolve(Matrix<double> system, Vector<double> rhs)
    {
        var svd = system.Svd(computeVectors: true);
        var singular = svd.S;
        double largest = singular.Count > 0 ? singular[0] : 0.0;
        double cutoff = largest / ConditionLimit;
        var projected = svd.U.TransposeThisAndMultiply(rhs);
        for (int k = 0; k < singular.Count; k++)
        {
            projected[k] = singular[k] > cutoff ? projected[k] / singular[k] : 0.0;
        }

        var solution = svd.VT.TransposeThisAndMultiply(projected);
        double smallest = singular.Count > 0 ? singular[singular.Count - 1] : 0.0;
        double condition = smallest > 0.0 ? largest / smallest : double.PositiveInfinity;
        return (solution, condition);
    }
}
