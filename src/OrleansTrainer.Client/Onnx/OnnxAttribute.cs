using Google.Protobuf;

namespace OrleansTrainer.Client.Onnx;

/// <summary>One attribute of a node (an AttributeProto): an int, a float, or a list of ints, floats or strings.</summary>
internal sealed class OnnxAttribute
{
    private readonly int _type;
    private readonly Action<CodedOutputStream> _writeValue;

    private OnnxAttribute(string name, int type, Action<CodedOutputStream> writeValue)
    {
        Name = name;
        _type = type;
        _writeValue = writeValue;
    }

    /// <summary>The attribute's name.</summary>
    public string Name { get; }

    /// <summary>An integer attribute.</summary>
    public static OnnxAttribute Int(string name, long value) =>
        new(name, OnnxFields.Attribute.TypeInt, a => a.Int64Field(OnnxFields.Attribute.Int, value));

    /// <summary>A float32 attribute.</summary>
    public static OnnxAttribute Float(string name, float value) =>
        new(name, OnnxFields.Attribute.TypeFloat, a => a.FloatField(OnnxFields.Attribute.Float, value));

    /// <summary>A list of integers.</summary>
    public static OnnxAttribute Ints(string name, IReadOnlyList<long> values) =>
        new(name, OnnxFields.Attribute.TypeInts, a =>
        {
            foreach (var value in values)
            {
                a.Int64Field(OnnxFields.Attribute.Ints, value);
            }
        });

    /// <summary>A list of float32 values.</summary>
    public static OnnxAttribute Floats(string name, IReadOnlyList<float> values) =>
        new(name, OnnxFields.Attribute.TypeFloats, a =>
        {
            foreach (var value in values)
            {
                a.FloatField(OnnxFields.Attribute.Floats, value);
            }
        });

    /// <summary>A list of strings (written as UTF-8).</summary>
    public static OnnxAttribute Strings(string name, IReadOnlyList<string> values) =>
        new(name, OnnxFields.Attribute.TypeStrings, a =>
        {
            foreach (var value in values)
            {
                a.StringField(OnnxFields.Attribute.Strings, value);
            }
        });

    /// <summary>The AttributeProto bytes.</summary>
    public byte[] ToMessage() => ProtobufFields.Message(a =>
    {
        a.StringField(OnnxFields.Attribute.Name, Name);
        _writeValue(a);
        a.Int64Field(OnnxFields.Attribute.Type, _type);
    });
}
