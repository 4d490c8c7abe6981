using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OrleansTrainer.Client.Tests.Models;

/// <summary>An exported ONNX model run by ONNX Runtime on float32 rows: every output with its shape.</summary>
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

    public static OnnxRun Of(byte[] model, double[][] rows)
    {
        using var session = new InferenceSession(model);
        var input = new DenseTensor<float>(rows.SelectMany(r => r.Select(v => (float)v)).ToArray(), [rows.Length, rows[0].Length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(OnnxNames.Features, input)]);
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
