using OrleansTrainer.Abstractions;

namespace OrleansTrainer.SoakBench;

/// <summary>
/// The jobs of the soak: every model and solver family the engine promises bit-identical results for across silo kills
/// and Redis restarts (BSP block-side solvers, trainer-side L-BFGS and line search, block coordinate descent, normal
/// equations), sized to take seconds to tens of seconds on a loaded 2-core machine.
/// </summary>
internal static class SoakTemplates
{
    /// <summary>The templates, in the order the soak cycles through them.</summary>
    public static IReadOnlyList<SoakTemplate> All { get; } =
    [
        new("ls-gd", "gradient descent (momentum)", new JobSpec
        {
            Dataset = SoakDatasets.Regression, LearningRate = 0.1, Momentum = 0.5, MaxRounds = 400, Tolerance = 0, WeightBlocks = 2,
        }),
        new("ridge-lbfgs", "L-BFGS", new JobSpec
        {
            Dataset = SoakDatasets.Wide, Solver = SolverKind.Lbfgs, L2 = 1e-3, MaxRounds = 150, WeightBlocks = 2,
        }),
        new("logistic-gd", "gradient descent", new JobSpec
        {
            Dataset = SoakDatasets.Binary, Model = ModelKind.LogisticRegression, LearningRate = 0.5, MaxRounds = 400, Tolerance = 0,
        }),
        new("logistic-lbfgs", "L-BFGS", new JobSpec
        {
            Dataset = SoakDatasets.Binary, Model = ModelKind.LogisticRegression, Solver = SolverKind.Lbfgs, L2 = 1e-3, MaxRounds = 100,
        }),
        new("ls-adam", "mini-batch SGD (Adam)", new JobSpec
        {
            Dataset = SoakDatasets.Regression, Solver = SolverKind.MiniBatchSgd, Optimizer = OptimizerKind.Adam, LearningRate = 0.05,
            BatchSize = 128, MaxRounds = 500, Tolerance = 0, WeightBlocks = 2, Seed = 7,
        }),
        new("ls-local-sgd", "local SGD", new JobSpec
        {
            Dataset = SoakDatasets.Regression, Solver = SolverKind.LocalSgd, LocalSteps = 5, LearningRate = 0.02, MaxRounds = 80, Tolerance = 0,
            Seed = 11,
        }),
        new("ridge-bcd", "block coordinate descent", new JobSpec
        {
            Dataset = SoakDatasets.Wide, Parallelism = ParallelismMode.BlockCoordinate, L2 = 1e-3, MaxRounds = 40, Tolerance = 0, WeightBlocks = 4,
        }),
        new("sparse-logistic-sgd", "mini-batch SGD (sparse)", new JobSpec
        {
            Dataset = SoakDatasets.Sparse, Model = ModelKind.LogisticRegression, Solver = SolverKind.MiniBatchSgd, Standardize = false,
            LearningRate = 0.5, L2 = 1e-4, Momentum = 0.5, BatchSize = 256, MaxRounds = 300, Tolerance = 0, WeightBlocks = 3, Seed = 5,
        }),
        new("ls-line-search", "gradient descent (line search)", new JobSpec
        {
            Dataset = SoakDatasets.Regression, LineSearch = true, MaxRounds = 150,
        }),
        new("ridge-normal", "normal equations", new JobSpec
        {
            Dataset = SoakDatasets.Wide, Solver = SolverKind.NormalEquations, L2 = 1e-3,
        }),
    ];
}
