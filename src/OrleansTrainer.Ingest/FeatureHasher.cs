using System.Buffers;
using System.IO.Hashing;
using System.Text;

namespace OrleansTrainer.Ingest;

/// <summary>
/// The hashing trick: maps a feature name to one of 2^bits columns and a sign, the same on every process and
/// machine, so that rows hashed apart train one model.
/// </summary>
/// <remarks>
/// <para>The exact definition, for another implementation to reproduce:</para>
/// <list type="number">
/// <item>The key bytes: for a categorical feature, the UTF-8 bytes of the column name, then the byte 0x3D ('='), then
/// the UTF-8 bytes of the value; for a numeric feature, the UTF-8 bytes of the column name alone. Each string is
/// encoded by itself, a lone surrogate becoming U+FFFD (EF BF BD), as .NET's <see cref="Encoding.UTF8"/> does. For
/// well-formed strings this is the UTF-8 of <c>column + "=" + value</c>.</item>
/// <item>h = XXH3_64bits_withSeed(key bytes, seed), the 64-bit XXH3 of xxHash 0.8 with the 32-bit seed widened to
/// 64 bits (as <see cref="XxHash3.HashToUInt64(ReadOnlySpan{byte}, long)"/> computes it).</item>
/// <item>index = h mod 2^bits (the low <c>bits</c> bits of h); sign = +1 when bit 63 of h is 0, -1 when it is 1.
/// With bits ≤ 30 the sign bit is never one of the index bits.</item>
/// </list>
/// <para>
/// A numeric feature contributes value × sign at its index, a categorical one the sign alone. The sign makes
/// collisions cancel in expectation instead of piling up. Instances are immutable and thread-safe.
/// </para>
/// </remarks>
public sealed class FeatureHasher
{
    private const int StackBytes = 512;
    private readonly long _seed;
    private readonly ulong _mask;

    /// <summary>Creates a hasher onto 2^<paramref name="bits"/> columns.</summary>
    /// <param name="bits">log2 of the number of columns: 1 to 30.</param>
    /// <param name="seed">The XXH3 seed; hashers with different seeds map features independently.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bits"/> is outside 1 .. 30.</exception>
    public FeatureHasher(int bits, uint seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 30);
        Bits = bits;
        Seed = seed;
        _seed = seed;
        _mask = (1UL << bits) - 1;
    }

    /// <summary>log2 of <see cref="Buckets"/>.</summary>
    public int Bits { get; }

    /// <summary>The seed given.</summary>
    public uint Seed { get; }

    /// <summary>The number of columns features hash to: 2^<see cref="Bits"/>.</summary>
    public int Buckets => 1 << Bits;

    /// <summary>The column and sign of the categorical feature <paramref name="column"/> = <paramref name="value"/>.</summary>
    /// <param name="column">The column name.</param>
    /// <param name="value">The feature's value, as text.</param>
    /// <returns>The column in [0, <see cref="Buckets"/>) and the sign, +1 or -1, that the feature contributes there.</returns>
    public (int Index, float Sign) Hash(string column, string value)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(value);
        return Hash(CategoricalPrefix(column), value);
    }

    /// <summary>The column and sign of the numeric feature <paramref name="column"/>; the feature's value multiplies the sign.</summary>
    /// <param name="column">The column name.</param>
    /// <returns>The column in [0, <see cref="Buckets"/>) and the sign, +1 or -1, that multiplies the value there.</returns>
    public (int Index, float Sign) Hash(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return Hash(Encoding.UTF8.GetBytes(column), []);
    }

    /// <summary>The key prefix of a categorical feature of <paramref name="column"/>: its UTF-8 bytes and '='.</summary>
    internal static byte[] CategoricalPrefix(string column) => [.. Encoding.UTF8.GetBytes(column), (byte)'='];

    /// <summary>Hashes the key <paramref name="prefix"/> followed by the UTF-8 bytes of <paramref name="value"/>.</summary>
    internal (int Index, float Sign) Hash(ReadOnlySpan<byte> prefix, ReadOnlySpan<char> value)
    {
        int length = prefix.Length + Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[]? rented = length > StackBytes ? ArrayPool<byte>.Shared.Rent(length) : null;
        Span<byte> key = rented ?? stackalloc byte[StackBytes];
        try
        {
            prefix.CopyTo(key);
            int written = prefix.Length + Encoding.UTF8.GetBytes(value, key[prefix.Length..]);
            ulong h = XxHash3.HashToUInt64(key[..written], _seed);
            return ((int)(h & _mask), (h >> 63) == 0 ? 1f : -1f);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
