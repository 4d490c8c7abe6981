using OrleansTrainer.Client.Onnx;

namespace OrleansTrainer.Client;

public sealed partial class LinearModel
{
    /// <summary>The model as an ONNX file taking the encoded features: <see cref="ToOnnx(OnnxInputs)"/> with <see cref="OnnxInputs.Features"/>.</summary>
    /// <exception cref="NotSupportedException">A coefficient does not fit float32 (its magnitude exceeds 3.4e38, or it is not finite), or the weights exceed 2 GiB.</exception>
    public byte[] ToOnnx() => ToOnnx(OnnxInputs.Features);

    /// <summary>
    /// The model as an ONNX file (opset 17; ai.onnx.ml 3 for source columns): the input <see cref="OnnxNames.Features"/>
    /// float32 [N, d], or with <see cref="OnnxInputs.Columns"/> one input per source column that the graph encodes as
    /// <see cref="Encode"/> does; outputs as <see cref="OnnxNames"/> lists them for the model's kind. Coefficients are
    /// rounded to float32, so predictions agree with <see cref="Predict(ReadOnlySpan{double})"/> to float32 precision,
    /// not bit for bit. A row with a NaN feature (in a graph of source columns: a missing cell whose column refuses
    /// missing values, or a category <see cref="Encode"/> refuses) predicts NaN, and class −1. The metadata holds the
    /// kind, the inputs, features, classes and, when known, job, dataset, label and creation time (keys <c>otrain.*</c>).
    /// </summary>
    /// <param name="inputs">Whether the graph takes the encoded features or the raw source columns.</param>
    /// <exception cref="NotSupportedException">
    /// A coefficient (or, for source columns, a fill value) does not fit float32, or the weights exceed 2 GiB; or, for
    /// source columns, the features are numbered (a sparse dataset's), a column is hashed (no standard ONNX operator
    /// computes <c>FeatureHasher</c>), or a column is named like a value the graph computes (such as <c>margin</c>).
    /// </exception>
    public byte[] ToOnnx(OnnxInputs inputs) => LinearModelGraph.Build(this, inputs);

    /// <summary>Writes <see cref="ToOnnx()"/> to a file.</summary>
    /// <exception cref="NotSupportedException">The model cannot be written as ONNX (see <see cref="ToOnnx()"/>).</exception>
    public Task SaveOnnxAsync(string path, CancellationToken cancellationToken = default) =>
        SaveOnnxAsync(path, OnnxInputs.Features, cancellationToken);

    /// <summary>Writes <see cref="ToOnnx(OnnxInputs)"/> to a file.</summary>
    /// <exception cref="NotSupportedException">The model cannot be written as ONNX with these inputs (see <see cref="ToOnnx(OnnxInputs)"/>).</exception>
    public Task SaveOnnxAsync(string path, OnnxInputs inputs, CancellationToken cancellationToken = default) =>
        File.WriteAllBytesAsync(path, ToOnnx(inputs), cancellationToken);
}
