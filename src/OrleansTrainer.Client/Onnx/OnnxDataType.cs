namespace OrleansTrainer.Client.Onnx;

/// <summary>The TensorProto.DataType values this project writes.</summary>
internal enum OnnxDataType
{
    /// <summary>float32.</summary>
    Float = 1,

    /// <summary>int64.</summary>
    Int64 = 7,

    /// <summary>UTF-8 strings.</summary>
    String = 8,
}
