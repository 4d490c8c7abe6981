using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>The solver descriptor of a job spec: one registration line per solver.</summary>
internal static class SolverRegistry
{
    private static readonly Dictionary<SolverKind, ISolver> BySolver = new()
    {
        [SolverKind.GradientDescent] = new GradientDescentSolver(),
        [SolverKind.MiniBatchSgd] = new MiniBatchSgdSolver(),
        [SolverKind.Lbfgs] = new LbfgsSolver(),
        [SolverKind.NormalEquations] = new NormalEquationsSolver(),
        [SolverKind.LocalSgd] = new LocalSgdSolver(),
    };

    private static readonly ISolver BlockCoordinate = new BlockCoordinateDescent();

    /// <summary>The descriptor that runs <paramref name="spec"/>: block coordinate descent when the spec asks for model parallelism (its solver is then unused), else its solver's.</summary>
    /// <exception cref="ArgumentException">The spec names no known solver, or asks another solver than gradient descent for a line search.</exception>
    public static ISolver For(JobSpec spec)
    {
        if (spec.Parallelism == ParallelismMode.BlockCoordinate)
        {
            return BlockCoordinate;
        }

        SpecRules.Require(BySolver.TryGetValue(spec.Solver, out var solver), spec, $"unknown solver {spec.Solver}");
        SpecRules.Require(!spec.LineSearch || solver is GradientDescentSolver, spec, "LineSearch applies to the GradientDescent solver only");
        return solver!;
    }
}
