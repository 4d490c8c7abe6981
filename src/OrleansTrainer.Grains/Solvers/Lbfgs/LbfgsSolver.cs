using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// L-BFGS on the trainer with distributed gradients (OWL-QN when L1 &gt; 0): every round evaluates the objective and
/// gradient at one point; an iteration is one round plus any line-search trials. Stops when the minimizer converges
/// (<see cref="Options"/>) or after MaxRounds iterations.
/// </summary>
internal sealed class LbfgsSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "Lbfgs";

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
        await TrainerSideRounds.StartAsync(context, Options(context.Job, context.Job.Spec.LbfgsMemory));

    /// <summary>The trainer-side minimizer's settings for a job, with <paramref name="memory"/> correction pairs (0: gradient descent with line search).</summary>
    public static LbfgsOptions Options(JobContext context, int memory) => new()
    {
        Memory = memory,
        L1 = context.Spec.L1,
        L1Scale = context.L1Scale,
        QuadraticCurvature = context.L2Scale.Select(scale => context.Spec.L2 * scale).ToArray(),
        GradientTolerance = context.Spec.GradientTolerance > 0 ? context.Spec.GradientTolerance : 1e-8,
        RelativeTolerance = context.Spec.Tolerance,
    };
}
