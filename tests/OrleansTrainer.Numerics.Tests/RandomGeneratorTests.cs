using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>Expected values come from an independent Python transcription of the published algorithms.</summary>
public class RandomGeneratorTests
{
    [Fact]
    public void SplitMix64_MatchesTheReferenceSequence()
    {
        var zero = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, zero.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, zero.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, zero.NextUInt64());

        var fortyTwo = new SplitMix64(42);
        Assert.Equal(13679457532755275413UL, fortyTwo.NextUInt64());
        Assert.Equal(2949826092126892291UL, fortyTwo.NextUInt64());
    }

    [Fact]
    public void Xoshiro256StarStar_MatchesTheReferenceSequence()
    {
        var random = new Xoshiro256StarStar(42);
        Assert.Equal(1546998764402558742UL, random.NextUInt64());
        Assert.Equal(6990951692964543102UL, random.NextUInt64());
        Assert.Equal(12544586762248559009UL, random.NextUInt64());
        Assert.Equal(17057574109182124193UL, random.NextUInt64());
    }

    [Fact]
    public void NextInt32_MatchesTheReferenceSequence()
    {
        var random = new Xoshiro256StarStar(7);
        Assert.Equal([700, 278, 839, 981, 990, 872], Enumerable.Range(0, 6).Select(_ => random.NextInt32(1000)).ToArray());
    }

    [Fact]
    public void NextDouble_IsInTheUnitInterval_WithMeanAboutOneHalf()
    {
        var random = new Xoshiro256StarStar(1);
        var splitMix = new SplitMix64(1);
        double sum = 0.0;
        for (int i = 0; i < 100_000; i++)
        {
            double a = random.NextDouble();
            double b = splitMix.NextDouble();
            Assert.InRange(a, 0.0, 1.0 - double.Epsilon);
            Assert.InRange(b, 0.0, 1.0 - double.Epsilon);
            sum += a + b;
        }

        Assert.Equal(0.5, sum / 200_000, 2);
    }

    [Fact]
    public void NextInt32_RejectsEmptyRanges() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Xoshiro256StarStar(1).NextInt32(0));
}
