using OrleansTrainer.Ingest;

namespace OrleansTrainer.Bench;

/// <summary>
/// A CSR OTDS file held whole in this process (indices, float32 values, labels), to evaluate a trained model on the
/// full training set with the peer tool's definitions: mean log-loss, log(1 + e^z) − y·z in float64, and accuracy.
/// </summary>
internal sealed class SparseRows
{
    private readonly long[] _pointers;
    private readonly int[] _indices;
    private readonly float[] _values;
    private readonly double[] _labels;

    private SparseRows(long[] pointers, int[] indices, float[] values, double[] labels)
    {
        (_pointers, _indices, _values, _labels) = (pointers, indices, values, labels);
    }

    /// <summary>Rows in the file.</summary>
    public int Rows => _labels.Length;

    /// <summary>Reads the file with the same reader ingestion uses.</summary>
    public static async Task<SparseRows> LoadAsync(string path)
    {
        using var reader = OtdsSparseRowReader.Open(path);
        var pointers = new List<long> { 0 };
        var indices = new List<int>();
        var values = new List<float>();
        var labels = new List<double>();
        var rowIndices = new List<int>();
        var rowValues = new List<float>();
        while (await reader.ReadRowAsync(rowIndices, rowValues, CancellationToken.None))
        {
            indices.AddRange(rowIndices);
            values.AddRange(rowValues);
            labels.Add(reader.CurrentLabel);
            pointers.Add(indices.Count);
        }

        return new SparseRows([.. pointers], [.. indices], [.. values], [.. labels]);
    }

    /// <summary>Mean log-loss and accuracy (class 1 iff z &gt; 0) of weights <paramref name="w"/> and intercept <paramref name="b"/>.</summary>
    public (double LogLoss, double Accuracy) Evaluate(ReadOnlySpan<double> w, double b)
    {
        double total = 0;
        long correct = 0;
        for (var i = 0; i < _labels.Length; i++)
        {
            var z = b;
            for (var e = _pointers[i]; e < _pointers[i + 1]; e++)
            {
                z += w[_indices[e]] * _values[e];
            }

            // log(1 + e^z) computed as numpy's logaddexp(0, z)
            total += Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - _labels[i] * z;
            correct += (z > 0) == (_labels[i] == 1) ? 1 : 0;
        }

        return (total / _labels.Length, (double)correct / _labels.Length);
    }
}
