using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Client.Tests.Models;

/// <summary>An exported ONNX model run by ONNX Runtime on float32 rows or raw source columns: every output with its shape.</summary>
internal sealed class OnnxRun
{
    private OnnxRun(Dictionary<string, float[]> floats, Dictionary<string, long[]> integers, Dictionary<string, int[]> shapes, IReadOnlyDictionary<string, string> metadata)
    {
        Floats = floats;
        Integers = integers;
        Shapes = shapes;
        Metadata = metadata;
    }

    public Dictionary<string, float[]> Floats { get; }

    public Dictionary<string, long[]> Integers { get; }

    public Dictionary<string, int[]> Shapes { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public IEnumerable<string> Outputs => Shapes.Keys;

    /// <summary>Runs a model of <see cref="OnnxInputs.Features"/> on encoded rows.</summary>
    public static OnnxRun Of(byte[] model, double[][] rows) =>
        Run(model, [NamedOnnxValue.CreateFromTensor(OnnxNames.Features, new DenseTensor<float>(rows.SelectMany(r => r.Select(v => (float)v)).ToArray(), [rows.Length, rows[0].Length]))]);

    /// <summary>
    /// Runs a model of <see cref="OnnxInputs.Columns"/> on raw rows: one [N, 1] input per column of
    /// <paramref name="encoding"/>, the cell as is for a one-hot column, else its number (NaN for an empty cell).
    /// </summary>
    public static OnnxRun OfColumns(byte[] model, DatasetEncoding encoding, IReadOnlyList<IReadOnlyDictionary<string, string>> rows) =>
        Run(model, [.. encoding.Columns.Select(column => column.Kind == ColumnEncodingKind.OneHot
            ? NamedOnnxValue.CreateFromTensor(column.Column, new DenseTensor<string>(rows.Select(r => r[column.Column]).ToArray(), [rows.Count, 1]))
            : NamedOnnxValue.CreateFromTensor(column.Column, new DenseTensor<float>(rows.Select(r => Number(r[column.Column])).ToArray(), [rows.Count, 1])))]);

    private static float Number(string cell) => cell.Length == 0 ? float.NaN : float.Parse(cell, CultureInfo.InvariantCulture);

    private static OnnxRun Run(byte[] model, IReadOnlyCollection<NamedOnnxValue> inputs)
    {
        using var session = new InferenceSession(model);
        using var results = session.Run(inputs);
        var floats = new Dictionary<string, float[]>();
        var integers = new Dictionary<string, long[]>();
        var shapes = new Dictionary<string, int[]>();
        foreach (var result in results)
        {
            switch (result.Value)
            {
                case Tensor<float> tensor:
                    floats[result.Name] = tensor.ToArray();
                    shapes[result.Name] = tensor.Dimensions.ToArray();
                    break;
                case Tensor<long> tensor:
                    integers[result.Name] = tensor.ToArray();
                    shapes[result.Name] = tensor.Dimensions.ToArray();
                    break;
                default:
                    throw new InvalidOperationException($"Output {result.Name} is a {result.Value.GetType()}.");
            }
        }

        return new OnnxRun(floats, integers, shapes, session.ModelMetadata.CustomMetadataMap);
    }
}
