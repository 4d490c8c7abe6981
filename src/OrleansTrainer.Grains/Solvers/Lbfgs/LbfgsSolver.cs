using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// L-BFGS on the trainer with distributed gradients (OWL-QN when L1 &gt; 0): every round evaluates the objective and
/// gradient at one point; an iteration is one round plus any line-search trials. Stops when the minimizer converges
/// (<see cref="Options"/>: by default once the gradient's infinity norm is <see cref="DefaultGradientTolerance"/> of its
/// norm at the start, with no test on the objective's change, which stops long before the optimum on ill-conditioned
/// problems), when its line search can make no further progress, or after MaxRounds iterations.
/// </summary>
internal sealed class LbfgsSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "Lbfgs";

    /// <summary>
    /// The gradient's infinity norm, relative to its norm at the start, at which the trainer-side solvers stop when the
    /// spec leaves <see cref="JobSpec.GradientTolerance"/> null; on the bundled datasets with a weak L2 it leaves the
    /// coefficients within 1e-6 relative of Newton's optimum.
    /// </summary>
    public const double DefaultGradientTolerance = 1e-10;

    /// <inheritdoc />
    public bool SamplesBatches => false;

    /// <inheritdoc />
    public void Validate(JobSpec spec) => SpecRules.RequireBsp(spec, Name);

    /// <inheritdoc />
    public void ValidateAgainst(JobSpec spec, DatasetInfo dataset)
    {
    }

    /// <inheritdoc />
    public bool HasAdjustableLearningRate(JobSpec spec) => false;

    /// <inheritdoc />
    public async Task<IRoundDriver> CreateDriverAsync(SolverContext context) =>
        await TrainerSideRounds.StartAsync(context, Options(context.Job, context.Job.Spec.LbfgsMemory, defaultTolerance: 0));

    /// <summary>
    /// The trainer-side minimizer's settings for a job, with <paramref name="memory"/> correction pairs (0: gradient
    /// descent with line search): the gradient test relative to the start's gradient (<see cref="JobSpec.GradientTolerance"/>,
    /// default <see cref="DefaultGradientTolerance"/>) and the relative objective change (<see cref="JobSpec.Tolerance"/>,
    /// default <paramref name="defaultTolerance"/>; 0 is off).
    /// </summary>
    public static LbfgsOptions Options(JobContext context, int memory, double defaultTolerance) => new()
    {
        Memory = memory,
        L1 = context.Spec.L1,
        L1Scale = context.L1Scale,
        QuadraticCurvature = context.L2Scale.Select(scale => context.Spec.L2 * scale).ToArray(),
        GradientTolerance = 0,
        RelativeGradientTolerance = context.Spec.GradientTolerance ?? DefaultGradientTolerance,
        RelativeTolerance = context.Spec.Tolerance ?? defaultTolerance,
    };
}
