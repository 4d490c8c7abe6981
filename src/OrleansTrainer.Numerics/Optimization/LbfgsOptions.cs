namespace OrleansTrainer.Numerics;

/// <summary>Settings of an <see cref="LbfgsMinimizer"/>; read once, when the minimizer is created or restored.</summary>
public sealed class LbfgsOptions
{
    /// <summary>
    /// How many (step, gradient change) pairs the inverse-Hessian approximation keeps. Default 10; 0 or more. With 0 the
    /// minimizer is gradient descent (on the pseudo-gradient with L1) with the same line search, each search starting
    /// at twice the last accepted step.
    /// </summary>
    public int Memory { get; set; } = 10;

    /// <summary>The L1 strength: the objective adds L1 sum_j L1Scale_j |x_j|, and the method becomes OWL-QN. Default 0; 0 or more.</summary>
    public double L1 { get; set; }

    /// <summary>Per-coordinate multipliers of the L1 term (0 leaves a coordinate unpenalized, as an intercept); empty (the default) means 1 for all.</summary>
    public double[] L1Scale { get; set; } = [];

    /// <summary>Converged once the infinity norm of the gradient (the pseudo-gradient with L1) at the accepted point is at most this. Default 1e-8; 0 or more.</summary>
    public double GradientTolerance { get; set; } = 1e-8;

    /// <summary>
    /// Converged once the infinity norm of the gradient (the pseudo-gradient with L1) at the accepted point is at most
    /// this times its norm at the start point: a test relative to the problem's scale, which no rescaling of the
    /// objective or of the coordinates' units moves. Default 0, which turns the test off; 0 or more. Either this test
    /// or <see cref="GradientTolerance"/> stops.
    /// </summary>
    public double RelativeGradientTolerance { get; set; }

    /// <summary>
    /// Converged once an accepted step changes the objective by at most this relative amount,
    /// (f_old − f_new) / max(|f_old|, |f_new|, 1). Default 0, which turns the test off.
    /// </summary>
    public double RelativeTolerance { get; set; }

    /// <summary>How many trial points one line search may evaluate before it gives up. Default 40; 1 or more.</summary>
    public int MaxLineSearchSteps { get; set; } = 40;

    /// <summary>
    /// The per-coordinate curvature of a known separable quadratic part of the smooth objective — for a penalty
    /// (L2/2)·Σ c_j x_j², the values L2·c_j — or empty (the default). When given, the initial inverse Hessian of the
    /// two-loop recursion is diagonal, 1/(γ⁻¹ + curvature_j), with γ⁻¹ the curvature the newest pair shows once the known
    /// part is taken out (1 before any pair). This keeps a penalty whose strength varies by orders of magnitude across
    /// coordinates (an L2 on original-scale weights over standardized coordinates) from dictating the conditioning.
    /// </summary>
    public double[] QuadraticCurvature { get; set; } = [];

    /// <summary>Armijo's sufficient-decrease constant of the line search. Default 1e-4; in (0, 1).</summary>
    public double ArmijoC1 { get; set; } = 1e-4;
}
