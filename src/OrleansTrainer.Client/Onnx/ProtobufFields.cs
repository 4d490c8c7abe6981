using Google.Protobuf;

namespace OrleansTrainer.Client.Onnx;

/// <summary>
/// Writes protobuf fields by number onto a <see cref="CodedOutputStream"/>, and whole messages to bytes: the little
/// of protobuf that writing an ONNX file by hand needs (no generated classes).
/// </summary>
internal static class ProtobufFields
{
    /// <summary>The bytes of one message: the fields <paramref name="write"/> writes, in order.</summary>
    public static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }

    /// <summary>A string field (also a repeated string's element).</summary>
    public static void StringField(this CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    /// <summary>An int64 (or int32, or enum) field, varint-encoded (also a repeated, unpacked element).</summary>
    public static void Int64Field(this CodedOutputStream output, int field, long value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    /// <summary>A float field, fixed 32 bits little-endian (also a repeated, unpacked element).</summary>
    public static void FloatField(this CodedOutputStream output, int field, float value)
    {
        output.WriteTag(field, WireFormat.WireType.Fixed32);
        output.WriteFloat(value);
    }

    /// <summary>A bytes field, or an embedded message given as its bytes (also a repeated one's element).</summary>
    public static void BytesField(this CodedOutputStream output, int field, byte[] value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(UnsafeByteOperations.UnsafeWrap(value));
    }
}
