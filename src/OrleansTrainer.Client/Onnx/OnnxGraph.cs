using System.Buffers.Binary;
using Google.Protobuf;

namespace OrleansTrainer.Client.Onnx;

/// <summary>
/// Builds one ONNX graph (inputs, constant initializers, nodes of the default and the <c>ai.onnx.ml</c> domain,
/// outputs) and writes it as a ModelProto. Every node has one output, and is named after it; a value defined twice
/// (an input named like a node's output) is refused.
/// </summary>
/// <param name="name">The graph's name.</param>
internal sealed class OnnxGraph(string name)
{
    /// <summary>The name of the symbolic batch dimension in shapes.</summary>
    public const string BatchDimension = "N";

    /// <summary>The domain of the traditional machine-learning operators (Imputer, LabelEncoder, ...).</summary>
    public const string MlDomain = "ai.onnx.ml";

    private readonly List<byte[]> _nodes = [];
    private readonly List<byte[]> _initializers = [];
    private readonly List<byte[]> _inputs = [];
    private readonly List<byte[]> _outputs = [];
    private readonly Dictionary<string, string> _defined = new(StringComparer.Ordinal);
    private bool _usesMlDomain;

    /// <summary>A graph input; a null size in <paramref name="shape"/> is the batch dimension.</summary>
    /// <exception cref="NotSupportedException">A value of that name is already defined.</exception>
    public void Input(string value, OnnxDataType type, long?[] shape, string doc)
    {
        Define(value, "an input");
        _inputs.Add(ValueInfo(value, type, shape, doc));
    }

    /// <summary>A graph output; a null size in <paramref name="shape"/> is the batch dimension.</summary>
    public void Output(string value, OnnxDataType type, long?[] shape, string doc) => _outputs.Add(ValueInfo(value, type, shape, doc));

    /// <summary>A float32 constant, row-major.</summary>
    public void Initializer(string value, long[] dims, ReadOnlySpan<float> values)
    {
        Define(value, "a constant");
        var raw = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }

        _initializers.Add(Tensor(value, OnnxDataType.Float, dims, raw));
    }

    /// <summary>An int64 constant, row-major.</summary>
    public void Initializer(string value, long[] dims, ReadOnlySpan<long> values)
    {
        Define(value, "a constant");
        var raw = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }

        _initializers.Add(Tensor(value, OnnxDataType.Int64, dims, raw));
    }

    /// <summary>A node of the default domain computing <paramref name="output"/>.</summary>
    /// <exception cref="NotSupportedException">A value named <paramref name="output"/> is already defined.</exception>
    public void Node(string opType, string[] inputs, string output, params OnnxAttribute[] attributes) =>
        AddNode("", opType, inputs, output, attributes);

    /// <summary>A node of the <see cref="MlDomain"/> domain computing <paramref name="output"/>.</summary>
    /// <exception cref="NotSupportedException">A value named <paramref name="output"/> is already defined.</exception>
    public void MlNode(string opType, string[] inputs, string output, params OnnxAttribute[] attributes)
    {
        _usesMlDomain = true;
        AddNode(MlDomain, opType, inputs, output, attributes);
    }

    /// <summary>
    /// The ModelProto of the graph: IR version, the default-domain opset (and the <see cref="MlDomain"/> one when a
    /// node uses it), producer, documentation and metadata.
    /// </summary>
    public byte[] ToModel(long irVersion, long opset, long mlOpset, string producerVersion, string doc, IEnumerable<KeyValuePair<string, string>> metadata) =>
        ProtobufFields.Message(model =>
        {
            model.Int64Field(OnnxFields.Model.IrVersion, irVersion);
            model.StringField(OnnxFields.Model.ProducerName, "OrleansTrainer");
            model.StringField(OnnxFields.Model.ProducerVersion, producerVersion);
            model.StringField(OnnxFields.Model.DocString, doc);
            model.BytesField(OnnxFields.Model.Graph, Graph(doc));
            OperatorSet(model, "", opset);
            if (_usesMlDomain)
            {
                OperatorSet(model, MlDomain, mlOpset);
            }

            foreach (var (key, value) in metadata)
            {
                model.BytesField(OnnxFields.Model.MetadataProps, ProtobufFields.Message(entry =>
                {
                    entry.StringField(OnnxFields.StringEntry.Key, key);
                    entry.StringField(OnnxFields.StringEntry.Value, value);
                }));
            }
        });

    private static void OperatorSet(CodedOutputStream model, string domain, long version) =>
        model.BytesField(OnnxFields.Model.OpsetImport, ProtobufFields.Message(set =>
        {
            set.StringField(OnnxFields.OperatorSet.Domain, domain);
            set.Int64Field(OnnxFields.OperatorSet.Version, version);
        }));

    private void Define(string value, string what)
    {
        if (!_defined.TryAdd(value, what))
        {
            throw new NotSupportedException($"The ONNX graph cannot have both {_defined[value]} and {what} named \"{value}\".");
        }
    }

    private void AddNode(string domain, string opType, string[] inputs, string output, OnnxAttribute[] attributes)
    {
        Define(output, $"the {opType} node's output");
        _nodes.Add(ProtobufFields.Message(node =>
        {
            foreach (var input in inputs)
            {
                node.StringField(OnnxFields.Node.Input, input);
            }

            node.StringField(OnnxFields.Node.Output, output);
            node.StringField(OnnxFields.Node.Name, output);
            node.StringField(OnnxFields.Node.OpType, opType);
            foreach (var attribute in attributes)
            {
                node.BytesField(OnnxFields.Node.Attribute, attribute.ToMessage());
            }

            if (domain.Length > 0)
            {
                node.StringField(OnnxFields.Node.Domain, domain);
            }
        }));
    }

    private byte[] Graph(string doc) => ProtobufFields.Message(graph =>
    {
        Repeated(graph, OnnxFields.Graph.Node, _nodes);
        graph.StringField(OnnxFields.Graph.Name, name);
        Repeated(graph, OnnxFields.Graph.Initializer, _initializers);
        graph.StringField(OnnxFields.Graph.DocString, doc);
        Repeated(graph, OnnxFields.Graph.Input, _inputs);
        Repeated(graph, OnnxFields.Graph.Output, _outputs);
    });

    private static void Repeated(CodedOutputStream output, int field, List<byte[]> messages)
    {
        foreach (var message in messages)
        {
            output.BytesField(field, message);
        }
    }

    private static byte[] Tensor(string value, OnnxDataType type, long[] dims, byte[] raw) => ProtobufFields.Message(tensor =>
    {
        foreach (var dim in dims)
        {
            tensor.Int64Field(OnnxFields.Tensor.Dims, dim);
        }

        tensor.Int64Field(OnnxFields.Tensor.DataType, (long)type);
        tensor.StringField(OnnxFields.Tensor.Name, value);
        tensor.BytesField(OnnxFields.Tensor.RawData, raw);
    });

    private static byte[] ValueInfo(string value, OnnxDataType type, long?[] shape, string doc) => ProtobufFields.Message(info =>
    {
        info.StringField(OnnxFields.ValueInfo.Name, value);
        info.BytesField(OnnxFields.ValueInfo.Type, ProtobufFields.Message(typeProto =>
            typeProto.BytesField(OnnxFields.Type.TensorType, ProtobufFields.Message(tensor =>
            {
                tensor.Int64Field(OnnxFields.TensorType.ElementType, (long)type);
                tensor.BytesField(OnnxFields.TensorType.Shape, ProtobufFields.Message(dims =>
                {
                    foreach (var size in shape)
                    {
                        dims.BytesField(OnnxFields.Shape.Dimension, ProtobufFields.Message(dimension =>
                        {
                            if (size is { } fixedSize)
                            {
                                dimension.Int64Field(OnnxFields.Dimension.Value, fixedSize);
                            }
                            else
                            {
                                dimension.StringField(OnnxFields.Dimension.Parameter, BatchDimension);
                            }
                        }));
                    }
                }));
            }))));
        info.StringField(OnnxFields.ValueInfo.DocString, doc);
    });
}
