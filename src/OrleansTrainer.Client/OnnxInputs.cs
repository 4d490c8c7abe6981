namespace OrleansTrainer.Client;

/// <summary>What an exported ONNX model (<see cref="LinearModel.ToOnnx(OnnxInputs)"/>) takes as input.</summary>
public enum OnnxInputs
{
    /// <summary>
    /// One input <see cref="OnnxNames.Features"/>, float32 [N, d]: the features already encoded (one-hot, hashed,
    /// imputed), in the model's order. Every model has this form.
    /// </summary>
    Features = 0,

    /// <summary>
    /// One input per source column, named after it, [N, 1]: a string tensor for a one-hot column, float32 for a numeric
    /// one (NaN where the cell is missing); the graph encodes them as the dataset was (ai.onnx.ml LabelEncoder and
    /// Imputer, one-hot by comparison, missing indicators). Not for models with hashed columns, whose hash no standard
    /// operator computes, nor for models of sparse datasets, which have no columns.
    /// </summary>
    Columns = 1,
}
