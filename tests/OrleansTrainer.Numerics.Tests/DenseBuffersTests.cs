using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

public class DenseBuffersTests
{
    [Fact]
    public void Doubles_RoundTripBitForBit()
    {
        double[] values = [1.0, -0.0, double.NaN, double.Epsilon, double.MaxValue, -3.25];
        Assertions.BitIdentical(values, DenseBuffers.AsDoubles(DenseBuffers.ToBytes(values)));
    }

    [Fact]
    public void Floats_RoundTripBitForBit()
    {
        float[] values = [1f, -0f, float.NaN, float.Epsilon, float.MaxValue, -3.25f];
        var back = DenseBuffers.AsFloats(DenseBuffers.ToBytes(values)).ToArray();
        Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), back.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Bytes_AreLittleEndian()
    {
        Assert.Equal([0, 0, 0, 0, 0, 0, 0xF0, 0x3F], DenseBuffers.ToBytes([1.0]));
        Assert.Equal([0, 0, 0x80, 0x3F], DenseBuffers.ToBytes([1f]));
    }

    [Fact]
    public void PartialElements_Throw()
    {
        Assert.Throws<ArgumentException>(() => DenseBuffers.AsDoubles(new byte[12]));
        Assert.Throws<ArgumentException>(() => DenseBuffers.AsFloats(new byte[6]));
        Assert.Equal(0, DenseBuffers.AsDoubles([]).Length);
    }
}
