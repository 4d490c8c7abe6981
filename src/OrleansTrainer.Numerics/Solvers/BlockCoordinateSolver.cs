namespace OrleansTrainer.Numerics;

/// <summary>What one block-coordinate-descent step did.</summary>
/// <param name="Delta">The change of each coordinate.</param>
/// <param name="ViolationSquared">The squared norm of the coordinates' minimum-norm subgradient before the step (0 at the optimum).</param>
/// <param name="PenaltyBefore">The block's penalty (L2/2)·Σ l2Scale·w² + L1·Σ l1Scale·|w| before the step.</param>
/// <param name="Sweeps">Coordinate sweeps the exact solve took.</param>
public readonly record struct BlockCoordinateStep(double[] Delta, double ViolationSquared, double PenaltyBefore, int Sweeps);

/// <summary>
/// The exact solve of one block of a least-squares problem with L2 and L1 penalties while every other coordinate stays
/// fixed. With H = G/W and q = c/W (G = Σ s·x_b·x_bᵀ, c = Σ s·x_b·r at the current residuals r, W = Σ s), the step Δ
/// minimizes ½·ΔᵀHΔ − qᵀΔ + (L2/2)·Σ l2_j (w_j+Δ_j)² + L1·Σ l1_j |w_j+Δ_j| — the block's part of
/// (1/2W)·Σ s·(y − x·w − b)² + penalties. It is found by cyclic coordinate descent on that quadratic (each coordinate
/// minimized in closed form, soft-thresholded for L1) until no coordinate moves by more than a relative 1e-15.
/// Deterministic: the same inputs give the same bits.
/// </summary>
public static class BlockCoordinateSolver
{
    private const int MaxSweeps = 100_000;

    /// <summary>Solves the block's sub-problem.</summary>
    /// <param name="gram">G, n × n row-major.</param>
    /// <param name="correlation">c, n values.</param>
    /// <param name="weightSum">W &gt; 0.</param>
    /// <param name="weights">The block's current weights w.</param>
    /// <param name="l2">The L2 strength.</param>
    /// <param name="l1">The L1 strength.</param>
    /// <param name="l2Scale">Per-coordinate L2 multipliers (0 for an intercept).</param>
    /// <param name="l1Scale">Per-coordinate L1 multipliers (0 for an intercept).</param>
    /// <exception cref="ArgumentException">The shapes disagree or W is not positive.</exception>
    public static BlockCoordinateStep Solve(ReadOnlySpan<double> gram, ReadOnlySpan<double> correlation, double weightSum, ReadOnlySpan<double> weights,
        double l2, double l1, ReadOnlySpan<double> l2Scale, ReadOnlySpan<double> l1Scale)
    {
        var n = weights.Length;
        if (gram.Length != n * n || correlation.Length != n || l2Scale.Length != n || l1Scale.Length != n)
        {
            throw new ArgumentException($"A block of {n} coordinates needs an {n} x {n} Gram matrix and {n} correlations and scales.");
        }

        if (!(weightSum > 0))
        {
            throw new ArgumentException($"The weight sum must be positive, not {weightSum}.", nameof(weightSum));
        }

        var v = weights.ToArray();
        var hDelta = new double[n];
        double violation = 0, penalty = 0;
        for (var j = 0; j < n; j++)
        {
            var g = -correlation[j] / weightSum + l2 * l2Scale[j] * v[j];
            violation += Square(SubgradientMinimum(g, v[j], l1 * l1Scale[j]));
            penalty += l2 / 2 * l2Scale[j] * v[j] * v[j] + l1 * l1Scale[j] * Math.Abs(v[j]);
        }

        var sweeps = 0;
        while (sweeps < MaxSweeps)
        {
            sweeps++;
            double largestMove = 0, largestValue = 0;
            for (var j = 0; j < n; j++)
            {
                var hjj = gram[j * n + j] / weightSum;
                var curvature = hjj + l2 * l2Scale[j];
                var threshold = l1 * l1Scale[j];
                var gradient = hDelta[j] - correlation[j] / weightSum + l2 * l2Scale[j] * v[j];
                var next = curvature > 0 ? SoftThreshold(curvature * v[j] - gradient, threshold) / curvature : threshold > 0 ? 0 : v[j];
                var move = next - v[j];
                if (move != 0)
                {
                    v[j] = next;
                    for (var k = 0; k < n; k++)
                    {
                        hDelta[k] += gram[k * n + j] / weightSum * move;
                    }
                }

                largestMove = Math.Max(largestMove, Math.Abs(move));
                largestValue = Math.Max(largestValue, Math.Abs(next));
            }

            if (largestMove <= 1e-15 * Math.Max(1, largestValue))
            {
                break;
            }
        }

        var delta = new double[n];
        for (var j = 0; j < n; j++)
        {
            delta[j] = v[j] - weights[j];
        }

        return new BlockCoordinateStep(delta, violation, penalty, sweeps);
    }

    /// <summary>The smallest-magnitude element of ∂(smooth + threshold·|w|) at w, given the smooth gradient g.</summary>
    private static double SubgradientMinimum(double g, double w, double threshold) =>
        threshold == 0 ? g : w != 0 ? g + threshold * Math.Sign(w) : Math.Sign(g) * Math.Max(Math.Abs(g) - threshold, 0);

    private static double SoftThreshold(double z, double threshold) => Math.Sign(z) * Math.Max(Math.Abs(z) - threshold, 0);

    private static double Square(double x) => x * x;
}
