using System.Numerics;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains.Tests;

public class FeaturePermutationTests
{
    private static readonly ulong[] Seeds = [0, 1, 7, 12345, ulong.MaxValue];

    [Fact]
    public void For_IsNullForRangePartitionsAndSingleFeatures()
    {
        Assert.Null(FeaturePermutation.For(new JobSpec { Partition = WeightPartition.Range, Seed = 3 }, 100));
        Assert.Null(FeaturePermutation.For(new JobSpec { Partition = WeightPartition.Hash, Seed = 3 }, 1));
        Assert.Null(FeaturePermutation.For(new JobSpec { Partition = WeightPartition.Hash, Seed = 3 }, 0));
        Assert.NotNull(FeaturePermutation.For(new JobSpec { Partition = WeightPartition.Hash, Seed = 3 }, 2));
    }

    [Fact]
    public void Map_IsABijectionOfEveryDimensionUpTo600()
    {
        for (var d = 2; d <= 600; d++)
        {
            foreach (var seed in Seeds)
            {
                AssertBijection(Hash(d, seed));
            }
        }
    }

    [Theory]
    [InlineData(1 << 16)]
    [InlineData(1_000_000)]
    [InlineData(1_048_573)] // prime
    [InlineData(3 * 5 * 7 * 11 * 13 * 17 * 19)]
    public void Map_IsABijectionOfLargeDimensions(int d) => AssertBijection(Hash(d, 99));

    [Theory]
    [InlineData(2)]
    [InlineData(1000)]
    [InlineData(2_147_483_647)]
    [InlineData(2_000_000_000)]
    public void Map_IsTheDocumentedAffineMap(int d)
    {
        foreach (var seed in Seeds)
        {
            var p = Hash(d, seed);
            Assert.Equal(d, p.Dimension);
            Assert.Equal(BigInteger.One, BigInteger.GreatestCommonDivisor(p.Multiplier, d));
            Assert.InRange(p.Multiplier, 0, d - 1);
            Assert.InRange(Math.Abs(p.Multiplier - (0.618 * d)), 0, Math.Max(2, 0.01 * d));
            Assert.Equal((long)(seed % (ulong)d), p.Offset);
            foreach (var j in new[] { 0, 1, d / 3, d / 2, d - 2, d - 1 })
            {
                Assert.Equal((int)(((BigInteger)p.Multiplier * j + p.Offset) % d), p.Map(j));
            }
        }
    }

    [Theory]
    [InlineData(2, 1, true)]
    [InlineData(97, 3, true)]
    [InlineData(256, 2, false)]
    [InlineData(1000, 1, true)]
    public void ToFeatureOrder_UndoesThePermutation(int d, int outputs, bool fitIntercept)
    {
        var p = Hash(d, 31);
        var layout = new ParameterLayout(d, outputs, fitIntercept);
        var featureOrder = Enumerable.Range(0, layout.Length).Select(i => (i * 1.5) - 7.25).ToArray();

        // As the blocks hold them: feature j of output k at k·D + π(j), the intercepts after the weights.
        var blockOrder = (double[])featureOrder.Clone();
        for (var k = 0; k < outputs; k++)
        {
            for (var j = 0; j < d; j++)
            {
                blockOrder[(k * d) + p.Map(j)] = featureOrder[(k * d) + j];
            }
        }

        Assert.NotEqual(featureOrder, blockOrder);
        p.ToFeatureOrder(layout, blockOrder);

        Assert.Equal(featureOrder, blockOrder);
    }

    [Theory]
    [InlineData(2, 1, true)]
    [InlineData(97, 3, true)]
    [InlineData(256, 2, false)]
    public void ToBlockOrder_PlacesFeatureJAtItsImageAndToFeatureOrderUndoesIt(int d, int outputs, bool fitIntercept)
    {
        var p = Hash(d, 17);
        var layout = new ParameterLayout(d, outputs, fitIntercept);
        var featureOrder = Enumerable.Range(0, layout.Length).Select(i => (i * 0.75) + 3.5).ToArray();

        var blockOrder = (double[])featureOrder.Clone();
        p.ToBlockOrder(layout, blockOrder);

        for (var k = 0; k < outputs; k++)
        {
            for (var j = 0; j < d; j++)
            {
                Assert.Equal(featureOrder[(k * d) + j], blockOrder[(k * d) + p.Map(j)]);
            }
        }

        Assert.Equal(featureOrder[(outputs * d)..], blockOrder[(outputs * d)..]);
        p.ToFeatureOrder(layout, blockOrder);
        Assert.Equal(featureOrder, blockOrder);
    }

    [Fact]
    public void EqualPermutationsAreEqualRecords()
    {
        Assert.Equal(Hash(50, 4), Hash(50, 4));
        Assert.Equal(Hash(50, 4), Hash(50, 54)); // the same offset 4 mod 50
        Assert.NotEqual(Hash(50, 4), Hash(50, 5));
        Assert.NotEqual(Hash(50, 4), Hash(51, 4));
    }

    private static FeaturePermutation Hash(int d, ulong seed) =>
        FeaturePermutation.For(new JobSpec { Partition = WeightPartition.Hash, Seed = seed }, d)!;

    private static void AssertBijection(FeaturePermutation p)
    {
        var hit = new bool[p.Dimension];
        for (var j = 0; j < p.Dimension; j++)
        {
            var image = p.Map(j);
            Assert.InRange(image, 0, p.Dimension - 1);
            Assert.False(hit[image], $"D = {p.Dimension}, offset {p.Offset}: π({j}) = {image} is hit twice");
            hit[image] = true;
        }
    }
}
