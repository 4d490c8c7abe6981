using OrleansTrainer.Client.Onnx;

namespace OrleansTrainer.Client;

public sealed partial class LinearModel
{
    /// <summary>
    /// The model as an ONNX file (opset 17, default domain only): input <see cref="OnnxNames.Features"/> float32
    /// [N, d], outputs as <see cref="OnnxNames"/> lists them for the model's kind. Coefficients are rounded to float32,
    /// so predictions agree with <see cref="Predict(ReadOnlySpan{double})"/> to float32 precision, not bit for bit. The metadata holds the
    /// kind, features, classes and, when known, job, dataset, label and creation time (keys <c>otrain.*</c>).
    /// </summary>
    /// <exception cref="NotSupportedException">A coefficient does not fit float32 (its magnitude exceeds 3.4e38, or it is not finite), or the weights exceed 2 GiB.</exception>
    public byte[] ToOnnx() => LinearModelGraph.Build(this);

    /// <summary>Writes <see cref="ToOnnx"/> to a file.</summary>
    /// <exception cref="NotSupportedException">The model cannot be written as ONNX (see <see cref="ToOnnx"/>).</exception>
    public Task SaveOnnxAsync(string path, CancellationToken cancellationToken = default) =>
        File.WriteAllBytesAsync(path, ToOnnx(), cancellationToken);
}
