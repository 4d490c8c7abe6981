using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains.Tests;

public class LbfgsSnapshotSurrogateTests
{
    private static readonly PropertyInfo[] Properties =
        typeof(LbfgsSnapshot).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();

    [Fact]
    public void EveryProperty_SurvivesOrleansSerialization()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(builder => builder.AddAssembly(typeof(LbfgsSnapshotConverter).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>();
        var snapshot = Distinct();

        var copy = serializer.Deserialize<LbfgsSnapshot>(serializer.SerializeToArray(snapshot));

        Assert.NotNull(copy);
        AssertSame(snapshot, copy);
    }

    [Fact]
    public void EveryProperty_SurvivesTheConverter()
    {
        var converter = new LbfgsSnapshotConverter();
        var snapshot = Distinct();

        AssertSame(snapshot, converter.ConvertFromSurrogate(converter.ConvertToSurrogate(snapshot)));
    }

    [Fact]
    public void AnEmptySurrogate_GivesEmptyVectors()
    {
        var snapshot = new LbfgsSnapshotConverter().ConvertFromSurrogate(default);

        Assert.All(Properties.Where(p => p.PropertyType.IsArray), p => Assert.Empty((Array)p.GetValue(snapshot)!));
    }

    /// <summary>A snapshot whose every settable property holds a value of its own, none the default; vectors with −0, NaN, subnormals and infinities.</summary>
    private static LbfgsSnapshot Distinct()
    {
        var snapshot = new LbfgsSnapshot();
        for (var i = 0; i < Properties.Length; i++)
        {
            var property = Properties[i];
            object value = property.PropertyType switch
            {
                var t when t == typeof(int) => 10 + i,
                var t when t == typeof(long) => (1L << 40) + i,
                var t when t == typeof(bool) => true,
                var t when t == typeof(double) => -1.25 * (i + 1),
                var t when t == typeof(string) => $"reason {i}",
                var t when t == typeof(LbfgsStatus) => LbfgsStatus.Failed,
                var t when t == typeof(double[]) => new[] { i, -0.0, BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234), double.Epsilon, double.NegativeInfinity, 1.0 / 3 },
                var t when t == typeof(long[]) => new[] { i, long.MinValue, 7L },
                var t => throw new InvalidOperationException($"LbfgsSnapshot.{property.Name} is a {t.Name}; give it a value here."),
            };
            property.SetValue(snapshot, value);
        }

        return snapshot;
    }

    private static void AssertSame(LbfgsSnapshot expected, LbfgsSnapshot actual)
    {
        foreach (var property in Properties)
        {
            var (e, a) = (property.GetValue(expected), property.GetValue(actual));
            switch (e)
            {
                case double[] vector:
                    Bits.Identical(vector, (double[])a!);
                    break;
                case double scalar:
                    Assert.Equal(BitConverter.DoubleToInt64Bits(scalar), BitConverter.DoubleToInt64Bits((double)a!));
                    break;
                case long[] longs:
                    Assert.Equal(longs, (long[])a!);
                    break;
                default:
                    Assert.Equal(e, a);
                    break;
            }
        }
    }
}
