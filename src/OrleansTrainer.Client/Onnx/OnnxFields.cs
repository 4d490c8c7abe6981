namespace OrleansTrainer.Client.Onnx;

/// <summary>
/// The field numbers of the onnx.proto messages this project writes (onnx/onnx, <c>onnx/onnx.proto</c>; stable
/// across IR versions), one class per message.
/// </summary>
internal static class OnnxFields
{
    /// <summary>ModelProto.</summary>
    public static class Model
    {
        public const int IrVersion = 1;
        public const int ProducerName = 2;
        public const int ProducerVersion = 3;
        public const int DocString = 6;
        public const int Graph = 7;
        public const int OpsetImport = 8;
        public const int MetadataProps = 14;
    }

    /// <summary>OperatorSetIdProto.</summary>
    public static class OperatorSet
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    /// <summary>StringStringEntryProto.</summary>
    public static class StringEntry
    {
        public const int Key = 1;
        public const int Value = 2;
    }

    /// <summary>GraphProto.</summary>
    public static class Graph
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int DocString = 10;
        public const int Input = 11;
        public const int Output = 12;
    }

    /// <summary>NodeProto.</summary>
    public static class Node
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OpType = 4;
        public const int Attribute = 5;
        public const int Domain = 7;
    }

    /// <summary>AttributeProto.</summary>
    public static class Attribute
    {
        public const int Name = 1;
        public const int Float = 2;
        public const int Int = 3;
        public const int Floats = 7;
        public const int Ints = 8;
        public const int Strings = 9;
        public const int Type = 20;

        /// <summary>AttributeProto.AttributeType.FLOAT.</summary>
        public const int TypeFloat = 1;

        /// <summary>AttributeProto.AttributeType.INT.</summary>
        public const int TypeInt = 2;

        /// <summary>AttributeProto.AttributeType.FLOATS.</summary>
        public const int TypeFloats = 6;

        /// <summary>AttributeProto.AttributeType.INTS.</summary>
        public const int TypeInts = 7;

        /// <summary>AttributeProto.AttributeType.STRINGS.</summary>
        public const int TypeStrings = 8;
    }

    /// <summary>TensorProto.</summary>
    public static class Tensor
    {
        public const int Dims = 1;
        public const int DataType = 2;
        public const int Name = 8;
        public const int RawData = 9;
    }

    /// <summary>ValueInfoProto.</summary>
    public static class ValueInfo
    {
        public const int Name = 1;
        public const int Type = 2;
        public const int DocString = 3;
    }

    /// <summary>TypeProto.</summary>
    public static class Type
    {
        public const int TensorType = 1;
    }

    /// <summary>TypeProto.Tensor.</summary>
    public static class TensorType
    {
        public const int ElementType = 1;
        public const int Shape = 2;
    }

    /// <summary>TensorShapeProto.</summary>
    public static class Shape
    {
        public const int Dimension = 1;
    }

    /// <summary>TensorShapeProto.Dimension.</summary>
    public static class Dimension
    {
        public const int Value = 1;
        public const int Parameter = 2;
    }
}
