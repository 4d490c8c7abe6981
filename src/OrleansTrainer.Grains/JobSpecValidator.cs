using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;

namespace OrleansTrainer.Grains;

/// <summary>Refuses job specs that cannot run, with a message naming the field and the value.</summary>
public static class JobSpecValidator
{
    /// <summary>Checks the spec on its own.</summary>
    /// <exception cref="ArgumentException">A field is out of range.</exception>
    public static void Validate(JobSpec spec)
    {
        ResourceName.Validate(spec.Name, "job name");
        ResourceName.Validate(spec.Dataset, "dataset name");
        Require(ModelRegistry.IsRegistered(spec.Model), spec, $"unknown model {spec.Model}");
        Require(Enum.IsDefined(spec.Solver), spec, $"unknown solver {spec.Solver}");
        Require(Enum.IsDefined(spec.Schedule), spec, $"unknown learning-rate schedule {spec.Schedule}");
        Require(double.IsFinite(spec.LearningRate) && spec.LearningRate > 0, spec, $"LearningRate must be a positive number, not {spec.LearningRate}");
        Require(double.IsFinite(spec.L2) && spec.L2 >= 0, spec, $"L2 must be zero or positive, not {spec.L2}");
        Require(double.IsFinite(spec.Momentum) && spec.Momentum is >= 0 and < 1, spec, $"Momentum must be in [0, 1), not {spec.Momentum}");
        Require(!spec.Nesterov || spec.Momentum > 0, spec, "Nesterov needs a Momentum above 0");
        Require(spec.MaxRounds >= 1, spec, $"MaxRounds must be at least 1, not {spec.MaxRounds}");
        Require(double.IsFinite(spec.Tolerance) && spec.Tolerance >= 0, spec, $"Tolerance must be zero or positive, not {spec.Tolerance}");
        Require(double.IsFinite(spec.GradientTolerance) && spec.GradientTolerance >= 0, spec, $"GradientTolerance must be zero or positive, not {spec.GradientTolerance}");
        Require(spec.WeightBlocks >= 1, spec, $"WeightBlocks must be at least 1, not {spec.WeightBlocks}");
        Require(spec.Solver is not (SolverKind.MiniBatchSgd or SolverKind.LocalSgd) || spec.BatchSize >= 1, spec, $"BatchSize must be at least 1, not {spec.BatchSize}");
        Require(Enum.IsDefined(spec.Optimizer), spec, $"unknown optimizer {spec.Optimizer}");
        Require(double.IsFinite(spec.L1) && spec.L1 >= 0, spec, $"L1 must be zero or positive, not {spec.L1}");
        Require(spec.Classes >= 0, spec, $"Classes must be zero (from the labels) or at least 2, not {spec.Classes}");
        Require(!ModelRegistry.Of(spec.Model).IsMultiOutput || spec.Classes != 1, spec, $"{ModelRegistry.Of(spec.Model).Description} needs K >= 2 classes, not 1");
        Require(double.IsFinite(spec.HuberDelta) && spec.HuberDelta > 0, spec, $"HuberDelta must be positive, not {spec.HuberDelta}");
        Require(spec.Beta1 is >= 0 and < 1 && spec.Beta2 is >= 0 and < 1, spec, $"Beta1 and Beta2 must be in [0, 1), not {spec.Beta1} and {spec.Beta2}");
        Require(double.IsFinite(spec.Epsilon) && spec.Epsilon > 0, spec, $"Epsilon must be positive, not {spec.Epsilon}");
        Require(spec.LbfgsMemory >= 1, spec, $"LbfgsMemory must be at least 1, not {spec.LbfgsMemory}");
        Require(spec.LocalSteps >= 1, spec, $"LocalSteps must be at least 1, not {spec.LocalSteps}");
        Require(!spec.LineSearch || spec.Solver == SolverKind.GradientDescent, spec, "LineSearch applies to the GradientDescent solver only");
        Require(spec.Solver != SolverKind.NormalEquations || spec.Model == ModelKind.LinearRegression, spec,
            $"the normal equations solve least squares and ridge only, not {spec.Model}");
        Require(spec.Solver != SolverKind.NormalEquations || spec.L1 == 0, spec, "the normal equations cannot solve an L1 penalty; use Lbfgs (OWL-QN)");
        Require(Enum.IsDefined(spec.Consistency), spec, $"unknown consistency mode {spec.Consistency}");
        Require(spec.Consistency == ConsistencyMode.Bsp || (spec.Solver is SolverKind.GradientDescent or SolverKind.MiniBatchSgd && !spec.LineSearch), spec,
            $"{spec.Consistency} consistency applies to the block-side GradientDescent and MiniBatchSgd solvers only, not {spec.Solver}{(spec.LineSearch ? " with LineSearch" : "")}");
        Require(Enum.IsDefined(spec.Parallelism), spec, $"unknown parallelism mode {spec.Parallelism}");
        Require(Enum.IsDefined(spec.Partition), spec, $"unknown weight partition {spec.Partition}");
        Require(spec.Parallelism != ParallelismMode.BlockCoordinate || (spec.Model == ModelKind.LinearRegression && spec.Consistency == ConsistencyMode.Bsp), spec,
            $"block coordinate descent solves least squares, ridge and lasso (LinearRegression) in Bsp consistency, not {spec.Model} in {spec.Consistency}");
        Require(spec.Staleness >= 0, spec, $"Staleness must be zero or positive, not {spec.Staleness}");
        Require(spec.DelayedShard >= -1, spec, $"DelayedShard must be a shard index or -1, not {spec.DelayedShard}");
        Require(double.IsFinite(spec.ShardDelayMilliseconds) && spec.ShardDelayMilliseconds >= 0, spec,
            $"ShardDelayMilliseconds must be zero or positive, not {spec.ShardDelayMilliseconds}");
    }

    /// <summary>The model's number of outputs on the dataset: K for softmax regression (from the spec or the labels), else 1.</summary>
    public static int Outputs(JobSpec spec, DatasetInfo dataset) => ModelRegistry.Of(spec.Model).Outputs(spec, dataset.Statistics!);

    /// <summary>Checks the spec against the dataset it names.</summary>
    /// <exception cref="ArgumentException">The dataset is missing, not ready, or does not suit the model.</exception>
    public static void ValidateAgainst(JobSpec spec, DatasetInfo dataset)
    {
        Require(dataset.Status != DatasetStatus.None, spec, $"dataset \"{spec.Dataset}\" does not exist");
        Require(dataset.Status == DatasetStatus.Ready, spec, $"dataset \"{spec.Dataset}\" is still ingesting");
        var parameters = (long)(dataset.Schema.FeatureCount + (spec.FitIntercept ? 1 : 0)) * Math.Max(1, spec.Classes);
        Require(parameters <= Array.MaxLength, spec, $"the model would have {parameters} parameters, more than one vector can hold");
        Require(spec.Partition == WeightPartition.Range || dataset.Schema.IsSparse, spec,
            $"the Hash weight partition spreads the features of sparse datasets; dataset \"{spec.Dataset}\" is dense, use Range");
        if (dataset.Schema.IsSparse)
        {
            Require(spec.Parallelism == ParallelismMode.DataParallel, spec, $"dataset \"{spec.Dataset}\" is sparse, and block coordinate descent runs on dense datasets only");
            ValidateSparse(spec);
        }

        Require(spec.WeightBlocks <= parameters, spec, $"WeightBlocks ({spec.WeightBlocks}) exceeds the {parameters} parameters of the model");
        var stats = dataset.Statistics!;
        var label = dataset.Schema.LabelName;
        var labelProblem = ModelRegistry.Of(spec.Model).LabelProblem(spec, stats, label);
        Require(labelProblem is null, spec, labelProblem ?? "");
    }

    /// <summary>What sparse datasets support: BSP rounds of every model with the solvers that pull and push per round, and local SGD without L1.</summary>
    private static void ValidateSparse(JobSpec spec)
    {
        var sparse = $"dataset \"{spec.Dataset}\" is sparse";
        Require(spec.Solver is SolverKind.GradientDescent or SolverKind.MiniBatchSgd or SolverKind.Lbfgs or SolverKind.LocalSgd, spec,
            $"{sparse}: use GradientDescent, MiniBatchSgd, LocalSgd or Lbfgs, not {spec.Solver}");
        Require(spec.Solver != SolverKind.LocalSgd || spec.L1 == 0, spec,
            $"{sparse}: local SGD on sparse rows takes an L2 penalty only (its shrink is kept as one scale factor); for L1 use Lbfgs (OWL-QN) or GradientDescent");
        Require(spec.Solver != SolverKind.LocalSgd || spec.LearningRate * spec.L2 < 1, spec,
            $"{sparse}: local SGD needs LearningRate × L2 < 1 (each step shrinks the weights by that factor), not {spec.LearningRate} × {spec.L2}");
        Require(spec.Consistency == ConsistencyMode.Bsp, spec, $"{sparse}, and sparse rounds run in Bsp consistency only, not {spec.Consistency}");
        Require(!spec.Standardize, spec, $"{sparse}: set Standardize = false (centring would make every row dense)");
    }

    private static void Require(bool condition, JobSpec spec, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Job \"{spec.Name}\": {message}.");
        }
    }
}
