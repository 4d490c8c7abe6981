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
        Require(Enum.IsDefined(spec.Schedule), spec, $"unknown learning-rate schedule {spec.Schedule}");
        Require(double.IsFinite(spec.LearningRate) && spec.LearningRate > 0, spec, $"LearningRate must be a positive number, not {spec.LearningRate}");
        Require(double.IsFinite(spec.L2) && spec.L2 >= 0, spec, $"L2 must be zero or positive, not {spec.L2}");
        Require(double.IsFinite(spec.Momentum) && spec.Momentum is >= 0 and < 1, spec, $"Momentum must be in [0, 1), not {spec.Momentum}");
        Require(!spec.Nesterov || spec.Momentum > 0, spec, "Nesterov needs a Momentum above 0");
        Require(spec.MaxRounds >= 1, spec, $"MaxRounds must be at least 1, not {spec.MaxRounds}");
        Require(spec.Tolerance is null or (>= 0 and < double.PositiveInfinity), spec, $"Tolerance must be zero or positive, not {spec.Tolerance}");
        Require(spec.GradientTolerance is null or (>= 0 and < double.PositiveInfinity), spec, $"GradientTolerance must be zero or positive, not {spec.GradientTolerance}");
        Require(spec.WeightBlocks >= 1, spec, $"WeightBlocks must be at least 1, not {spec.WeightBlocks}");
        Require(Enum.IsDefined(spec.Optimizer), spec, $"unknown optimizer {spec.Optimizer}");
        Require(double.IsFinite(spec.L1) && spec.L1 >= 0, spec, $"L1 must be zero or positive, not {spec.L1}");
        Require(spec.Classes >= 0, spec, $"Classes must be zero (from the labels) or at least 2, not {spec.Classes}");
        Require(!ModelRegistry.Of(spec.Model).IsMultiOutput || spec.Classes != 1, spec, $"{ModelRegistry.Of(spec.Model).Description} needs K >= 2 classes, not 1");
        Require(double.IsFinite(spec.HuberDelta) && spec.HuberDelta > 0, spec, $"HuberDelta must be positive, not {spec.HuberDelta}");
        Require(spec.Beta1 is >= 0 and < 1 && spec.Beta2 is >= 0 and < 1, spec, $"Beta1 and Beta2 must be in [0, 1), not {spec.Beta1} and {spec.Beta2}");
        Require(double.IsFinite(spec.Epsilon) && spec.Epsilon > 0, spec, $"Epsilon must be positive, not {spec.Epsilon}");
        Require(spec.LbfgsMemory >= 1, spec, $"LbfgsMemory must be at least 1, not {spec.LbfgsMemory}");
        Require(spec.LocalSteps >= 1, spec, $"LocalSteps must be at least 1, not {spec.LocalSteps}");
        Require(Enum.IsDefined(spec.Consistency), spec, $"unknown consistency mode {spec.Consistency}");
        Require(Enum.IsDefined(spec.Parallelism), spec, $"unknown parallelism mode {spec.Parallelism}");
        Require(Enum.IsDefined(spec.Partition), spec, $"unknown weight partition {spec.Partition}");
        Require(spec.Staleness >= 0, spec, $"Staleness must be zero or positive, not {spec.Staleness}");
        ValidationRules.Validate(spec);
        SolverRegistry.For(spec).Validate(spec);
    }

    /// <summary>
    /// Checks the rows the job validates on, once, when it starts: a split must leave rows on both sides (counted row
    /// by row), a separate validation dataset (<paramref name="validation"/>) must be ready with the same schema.
    /// </summary>
    /// <exception cref="ArgumentException">The split leaves a side empty, or the validation dataset does not fit.</exception>
    public static void ValidateValidationRows(JobSpec spec, DatasetInfo training, DatasetInfo? validation)
    {
        ValidationRules.ValidateSplit(spec, training);
        if (validation is not null)
        {
            ValidationRules.ValidateDataset(spec, training, validation);
        }
    }

    /// <summary>The model's number of outputs on the dataset: K for softmax regression (from the spec or the labels), else 1.</summary>
    public static int Outputs(JobSpec spec, DatasetInfo dataset) => ModelRegistry.Of(spec.Model).Outputs(spec, dataset.Statistics!);

    /// <summary>Checks the spec against the dataset it names.</summary>
    /// <exception cref="ArgumentException">The dataset is missing, not ready, or does not suit the model.</exception>
    public static void ValidateAgainst(JobSpec spec, DatasetInfo dataset)
    {
        Require(dataset.Status != DatasetStatus.None, spec, $"dataset \"{spec.Dataset}\" does not exist");
        Require(dataset.Status == DatasetStatus.Ready, spec, $"dataset \"{spec.Dataset}\" is still ingesting");
        Require(spec.Partition == WeightPartition.Range || dataset.Schema.IsSparse, spec,
            $"the Hash weight partition spreads the features of sparse datasets; dataset \"{spec.Dataset}\" is dense, use Range");
        SolverRegistry.For(spec).ValidateAgainst(spec, dataset);
        Require(!dataset.Schema.IsSparse || !spec.Standardize, spec, $"dataset \"{spec.Dataset}\" is sparse: set Standardize = false (centring would make every row dense)");

        var stats = dataset.Statistics!;
        var label = dataset.Schema.LabelName;
        var labelProblem = ModelRegistry.Of(spec.Model).LabelProblem(spec, stats, label);
        Require(labelProblem is null, spec, labelProblem ?? "");

        // Counted after the label checks: a softmax model's K may come from its labels.
        var parameters = (long)(dataset.Schema.FeatureCount + (spec.FitIntercept ? 1 : 0)) * Outputs(spec, dataset);
        Require(parameters <= Array.MaxLength, spec, $"the model would have {parameters} parameters, more than one vector can hold");
        Require(spec.WeightBlocks <= parameters, spec, $"WeightBlocks ({spec.WeightBlocks}) exceeds the {parameters} parameters of the model");
    }

    private static void Require(bool condition, JobSpec spec, string message) => SpecRules.Require(condition, spec, message);
}
