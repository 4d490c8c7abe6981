using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client;

/// <summary>Whether a model's features are a dataset's: the one check before a model meets rows it was not trained on.</summary>
internal static class ModelFit
{
    /// <summary>Refuses a dataset whose features differ from the model's, naming the first difference.</summary>
    /// <exception cref="ArgumentException">The feature counts or names differ.</exception>
    public static void RequireSameFeatures(LinearModel model, DatasetInfo dataset)
    {
        var schema = dataset.Schema;
        if (schema.FeatureCount != model.FeatureCount)
        {
            throw new ArgumentException($"The model has {model.FeatureCount} features; dataset \"{dataset.Name}\" has {schema.FeatureCount}.");
        }

        if (model.FeatureNames.Count == 0 || schema.IsSparse)
        {
            return;
        }

        for (var j = 0; j < model.FeatureCount; j++)
        {
            if (model.FeatureNames[j] != schema.FeatureNames[j])
            {
                throw new ArgumentException(
                    $"Feature {j + 1} of the model is \"{model.FeatureNames[j]}\"; in dataset \"{dataset.Name}\" it is \"{schema.FeatureNames[j]}\".");
            }
        }
    }
}
