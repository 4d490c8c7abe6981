using OrleansTrainer.Abstractions;
using OrleansTrainer.Models.Metrics;
using OrleansTrainer.Models;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>Refuses validation settings that cannot run, naming the setting and its value.</summary>
internal static class ValidationRules
{
    /// <summary>Checks <see cref="JobSpec.Validation"/> on its own.</summary>
    public static void Validate(JobSpec spec)
    {
        if (spec.Validation is not { } v)
        {
            return;
        }

        var ways = (v.Fraction != 0 ? 1 : 0) + (v.Folds != 0 ? 1 : 0) + (v.Dataset.Length > 0 ? 1 : 0);
        Require(ways == 1, spec, "Validation needs exactly one of Fraction (a held-out share), Folds (a cross-validation fold) or Dataset");
        Require(v.Fraction == 0 || (v.Fraction > 0 && v.Fraction < 1), spec, $"Validation.Fraction must be in (0, 1), not {v.Fraction}");
        Require(v.Folds == 0 || v.Folds >= 2, spec, $"Validation.Folds must be at least 2, not {v.Folds}");
        Require(v.Folds == 0 ? v.Fold == 0 : v.Fold >= 0 && v.Fold < v.Folds, spec, $"Validation.Fold must be in [0, {v.Folds}), not {v.Fold}");
        if (v.Dataset.Length > 0)
        {
            ResourceName.Validate(v.Dataset, "validation dataset name");
            Require(v.Dataset != spec.Dataset, spec, $"Validation.Dataset \"{v.Dataset}\" is the training dataset; hold rows out with Fraction instead");
        }

        Require(v.Every >= 1, spec, $"Validation.Every must be at least 1, not {v.Every}");
        Require(v.Patience >= 0, spec, $"Validation.Patience must be zero (no early stopping) or positive, not {v.Patience}");
        Require(double.IsFinite(v.MinDelta) && v.MinDelta >= 0, spec, $"Validation.MinDelta must be zero or positive, not {v.MinDelta}");
        Require(v.Metric is null || MetricSupport.Applies(spec.Model, v.Metric.Value), spec,
            $"Validation.Metric {v.Metric} does not apply to {ModelRegistry.Of(spec.Model).Description}; it has {string.Join(", ", MetricSupport.Of(spec.Model))}");
    }

    /// <summary>Checks that a split of <paramref name="dataset"/> leaves rows on both sides.</summary>
    public static void ValidateSplit(JobSpec spec, DatasetInfo dataset)
    {
        if (spec.Validation is not { SplitsRows: true } v || ShardSplit.RuleOf(spec) is not { } rule)
        {
            return;
        }

        var rows = dataset.TotalRows;
        Require(v.Folds <= rows, spec, $"Validation.Folds ({v.Folds}) exceeds the {rows} rows of dataset \"{dataset.Name}\"");
        long heldOut = 0;
        for (long i = 0; i < rows; i++)
        {
            heldOut += rule.IsHeldOut(i) ? 1 : 0;
        }

        Require(heldOut > 0 && heldOut < rows, spec,
            $"the validation split of dataset \"{dataset.Name}\" ({rows} rows) holds out {heldOut} rows; it must leave rows on both sides (change Fraction or Seed)");
    }

    /// <summary>Checks that a separate validation dataset is ready and has the training dataset's schema.</summary>
    public static void ValidateDataset(JobSpec spec, DatasetInfo training, DatasetInfo validation)
    {
        var name = spec.Validation!.Dataset;
        Require(validation.Status != DatasetStatus.None, spec, $"validation dataset \"{name}\" does not exist");
        Require(validation.Status == DatasetStatus.Ready, spec, $"validation dataset \"{name}\" is still ingesting");
        var (a, b) = (training.Schema, validation.Schema);
        Require(a.FeatureType == b.FeatureType && a.FeatureCount == b.FeatureCount && a.FeatureNames.SequenceEqual(b.FeatureNames), spec,
            $"validation dataset \"{name}\" ({Describe(b)}) does not have the schema of \"{training.Name}\" ({Describe(a)})");
    }

    private static string Describe(DatasetSchema schema) => schema.IsSparse
        ? $"sparse, {schema.SparseDimension} features"
        : $"{schema.FeatureType}, features {string.Join(",", schema.FeatureNames.Take(8))}{(schema.FeatureNames.Length > 8 ? ",..." : "")}";

    private static void Require(bool condition, JobSpec spec, string message) => SpecRules.Require(condition, spec, message);
}
