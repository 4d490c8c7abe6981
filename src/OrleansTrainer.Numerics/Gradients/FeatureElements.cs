using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Reads feature storage of either element type (float32 or float64) as float64. The kernels are
/// generic over the element type; the JIT compiles one copy per type and folds the type tests away.
/// </summary>
internal static class FeatureElements
{
    /// <summary>Throws unless <typeparamref name="T"/> is float or double (checked once per pass, not per element).</summary>
    public static void CheckSupported<T>()
        where T : unmanaged
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Features of type {typeof(T).Name} are not supported.");
        }
    }

    /// <summary><paramref name="value"/> as a double (exact for both types).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble<T>(T value)
        where T : unmanaged =>
        typeof(T) == typeof(float) ? Unsafe.As<T, float>(ref value) : Unsafe.As<T, double>(ref value);

    /// <summary>Element <paramref name="offset"/> of <paramref name="x"/> as a double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Load<T>(ref T x, nuint offset)
        where T : unmanaged =>
        typeof(T) == typeof(float)
            ? Unsafe.Add(ref Unsafe.As<T, float>(ref x), offset)
            : Unsafe.Add(ref Unsafe.As<T, double>(ref x), offset);

    /// <summary>
    /// Elements <paramref name="offset"/> .. +3 of <paramref name="x"/> as doubles: one vcvtps2pd for
    /// floats (four scalar conversions without AVX), one load for doubles.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load4<T>(ref T x, nuint offset)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return Vector256.LoadUnsafe(ref Unsafe.As<T, double>(ref x), offset);
        }

        ref float f = ref Unsafe.As<T, float>(ref x);
        return Avx.IsSupported
            ? Avx.ConvertToVector256Double(Vector128.LoadUnsafe(ref f, offset))
            : Vector256.Create(Unsafe.Add(ref f, offset), Unsafe.Add(ref f, offset + 1), Unsafe.Add(ref f, offset + 2), Unsafe.Add(ref f, offset + 3));
    }

    /// <summary>Writes <paramref name="source"/> as doubles into <paramref name="destination"/> (same length; exact).</summary>
    public static void Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        ref float x = ref MemoryMarshal.GetReference(source);
        ref double d = ref MemoryMarshal.GetReference(destination);
        nuint n = (nuint)Math.Min(source.Length, destination.Length);
        nuint j = 0;
        if (Avx.IsSupported)
        {
            for (; j + 8 <= n; j += 8)
            {
                var v = Vector256.LoadUnsafe(ref x, j);
                Avx.ConvertToVector256Double(v.GetLower()).StoreUnsafe(ref d, j);
                Avx.ConvertToVector256Double(v.GetUpper()).StoreUnsafe(ref d, j + 4);
            }
        }

        for (; j < n; j++)
        {
            Unsafe.Add(ref d, j) = Unsafe.Add(ref x, j);
        }
    }
}
