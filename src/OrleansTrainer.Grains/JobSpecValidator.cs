using OrleansTrainer.Abstractions;

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
        Require(Enum.IsDefined(spec.Model), spec, $"unknown model {spec.Model}");
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
        Require(spec.Solver != SolverKind.MiniBatchSgd || spec.BatchSize >= 1, spec, $"BatchSize must be at least 1, not {spec.BatchSize}");
    }

    /// <summary>Checks the spec against the dataset it names.</summary>
    /// <exception cref="ArgumentException">The dataset is missing, not ready, or does not suit the model.</exception>
    public static void ValidateAgainst(JobSpec spec, DatasetInfo dataset)
    {
        Require(dataset.Status != DatasetStatus.None, spec, $"dataset \"{spec.Dataset}\" does not exist");
        Require(dataset.Status == DatasetStatus.Ready, spec, $"dataset \"{spec.Dataset}\" is still ingesting");
        var parameters = dataset.Schema.FeatureNames.Length + (spec.FitIntercept ? 1 : 0);
        Require(spec.WeightBlocks <= parameters, spec, $"WeightBlocks ({spec.WeightBlocks}) exceeds the {parameters} parameters of the model");
        var stats = dataset.Statistics!;
        Require(spec.Model != ModelKind.LogisticRegression || stats.LabelsAreBinary, spec,
            $"logistic regression needs labels in {{0, 1}}, but \"{dataset.Schema.LabelName}\" ranges over [{stats.LabelMin}, {stats.LabelMax}]");
    }

    private static void Require(bool condition, JobSpec spec, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Job \"{spec.Name}\": {message}.");
        }
    }
}
