using System.IO.Hashing;
using System.Text;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest.Sparse;

public sealed class FeatureHasherTests
{
    /// <summary>
    /// Results computed once from the documented definition. They are what keeps hashed models valid across
    /// processes, machines and versions: if one changes, the definition changed, and every hashed dataset with it.
    /// </summary>
    [Theory]
    [InlineData(20, 0u, "country", "FR", 235844, -1f)]
    [InlineData(20, 0u, "country", "DE", 203360, 1f)]
    [InlineData(20, 0u, "city", "Zürich", 353002, -1f)]
    [InlineData(20, 0u, "device", "mobile", 918273, 1f)]
    [InlineData(20, 0u, "", "", 689349, -1f)]
    [InlineData(10, 42u, "country", "FR", 892, 1f)]
    [InlineData(10, 42u, "country", "DE", 774, -1f)]
    [InlineData(10, 42u, "city", "Zürich", 481, -1f)]
    [InlineData(30, 7u, "user", "123456", 126624864, -1f)]
    public void Categorical_features_hash_to_their_golden_values(int bits, uint seed, string column, string value, int index, float sign) =>
        Assert.Equal((index, sign), new FeatureHasher(bits, seed).Hash(column, value));

    [Theory]
    [InlineData(20, 0u, "age", 323729, 1f)]
    [InlineData(20, 0u, "price", 33904, 1f)]
    [InlineData(10, 42u, "age", 740, -1f)]
    [InlineData(10, 42u, "price", 664, 1f)]
    public void Numeric_columns_hash_to_their_golden_values(int bits, uint seed, string column, int index, float sign) =>
        Assert.Equal((index, sign), new FeatureHasher(bits, seed).Hash(column));

    [Fact]
    public void The_empty_key_gives_the_published_xxh3_test_vector()
    {
        // XXH3_64bits("", seed 0) = 0x2D06800538D394C2 in xxHash's own test suite: low 20 bits 0x394C2, bit 63 clear.
        Assert.Equal((0x394C2, 1f), new FeatureHasher(20, 0).Hash(""));
    }

    [Theory]
    [InlineData("c", "v")]
    [InlineData("naïve", "日本語")]
    [InlineData("lone", "\uD800x")]
    [InlineData("long", null)]
    public void Hashes_follow_the_documented_definition(string column, string? value)
    {
        value ??= new string('é', 1000);
        byte[] key = [.. Encoding.UTF8.GetBytes(column), (byte)'=', .. Encoding.UTF8.GetBytes(value)];
        ulong h = XxHash3.HashToUInt64(key, 99);

        Assert.Equal(((int)(h & 0xFFF), (h >> 63) == 0 ? 1f : -1f), new FeatureHasher(12, 99).Hash(column, value));
    }

    [Fact]
    public void Buckets_fill_evenly_and_signs_balance()
    {
        const int Features = 100_000;
        var hasher = new FeatureHasher(8, 0);
        var counts = new int[hasher.Buckets];
        int positive = 0;
        for (int i = 0; i < Features; i++)
        {
            (int index, float sign) = hasher.Hash("user", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            counts[index]++;
            positive += sign > 0 ? 1 : 0;
        }

        // 390.6 expected per bucket (sd about 20) and 50,000 positive signs (sd about 160): far wider bounds.
        Assert.InRange(counts.Min(), 250, 391);
        Assert.InRange(counts.Max(), 391, 550);
        Assert.InRange(positive, 48_000, 52_000);
    }

    [Fact]
    public void Seeds_and_kinds_of_feature_hash_apart()
    {
        Assert.NotEqual(new FeatureHasher(30, 1).Hash("country", "FR"), new FeatureHasher(30, 2).Hash("country", "FR"));
        Assert.NotEqual(new FeatureHasher(30, 1).Hash("country", "FR"), new FeatureHasher(30, 1).Hash("country"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public void Bits_must_lie_between_1_and_30(int bits) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeatureHasher(bits, 0));

    [Fact]
    public void Buckets_is_two_to_the_bits() => Assert.Equal(1 << 30, new FeatureHasher(30, 0).Buckets);
}
