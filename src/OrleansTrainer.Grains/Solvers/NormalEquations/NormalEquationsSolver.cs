using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>Least squares and ridge in one pass of XᵀX and Xᵀy partial sums, solved on the trainer (Cholesky, SVD fallback).</summary>
internal sealed class NormalEquationsSolver : ISolver
{
    /// <inheritdoc />
    public string Name => "NormalEquations";

    /// <inheritdoc />
    public bool SamplesBatches => false;

    /// <inheritdoc />
    public void Validate(JobSpec spec)
    {
        SpecRules.Require(ModelRegistry.Of(spec.Model).Loss == LossKind.SquaredError, spec, $"the normal equations solve least squares and ridge only, not {spec.Model}");
        SpecRules.Require(spec.L1 == 0, spec, "the normal equations cannot solve an L1 penalty; use Lbfgs (OWL-QN)");
        SpecRules.RequireBsp(spec, Name);
    }

    /// <inheritdoc />
    public void ValidateAgainst(JobSpec spec, DatasetInfo dataset) => SpecRules.RefuseSparse(spec, dataset, Name);

    /// <inheritdoc />
    public bool HasAdjustableLearningRate(JobSpec spec) => false;

    /// <inheritdoc />
    public Task<IRoundDriver> CreateDriverAsync(SolverContext context) => Task.FromResult<IRoundDriver>(new NormalEquationsRounds(context.Operations));
}
