using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The AVX2 row kernel: four features at a time as a <see cref="Vector256{T}"/> of doubles (floats widened),
/// fused multiply-add where the CPU has FMA. Dot products keep two accumulators per row (columns
/// 8k..8k+3 and 8k+4..8k+7) so the FMA latency chain is half as long; four-row blocks load each
/// weight vector once for four rows and each gradient vector once per four rows.
/// </summary>
internal readonly struct Vector256RowKernel : IRowKernel
{
    /// <summary>Whether this kernel runs in hardware here (x64 with AVX2).</summary>
    public static bool IsSupported => Avx2.IsSupported;

    public static double Dot<T>(ReadOnlySpan<T> x, ReadOnlySpan<double> w)
        where T : unmanaged
    {
        ref T xr = ref MemoryMarshal.GetReference(x);
        ref double wr = ref MemoryMarshal.GetReference(w);
        nuint n = (nuint)w.Length;
        nuint j = 0;
        var lo = Vector256<double>.Zero;
        var hi = Vector256<double>.Zero;
        for (; j + 8 <= n; j += 8)
        {
            var wl = Vector256.LoadUnsafe(ref wr, j);
            var wh = Vector256.LoadUnsafe(ref wr, j + 4);
            lo = FusedMath.MulAdd(Widen(ref xr, j), wl, lo);
            hi = FusedMath.MulAdd(Widen(ref xr, j + 4), wh, hi);
        }

        if (j + 4 <= n)
        {
            lo = FusedMath.MulAdd(Widen(ref xr, j), Vector256.LoadUnsafe(ref wr, j), lo);
            j += 4;
        }

        double sum = Vector256.Sum(lo + hi);
        for (; j < n; j++)
        {
            sum = FusedMath.MulAdd(FeatureElements.Load(ref xr, j), Unsafe.Add(ref wr, j), sum);
        }

        return sum;
    }

    public static Vector256<double> Dot4<T>(
        ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3, ReadOnlySpan<double> w)
        where T : unmanaged
    {
        ref T a = ref MemoryMarshal.GetReference(x0);
        ref T b = ref MemoryMarshal.GetReference(x1);
        ref T c = ref MemoryMarshal.GetReference(x2);
        ref T d = ref MemoryMarshal.GetReference(x3);
        ref double wr = ref MemoryMarshal.GetReference(w);
        nuint n = (nuint)w.Length;
        nuint j = 0;
        var aLo = Vector256<double>.Zero;
        var aHi = Vector256<double>.Zero;
        var bLo = Vector256<double>.Zero;
        var bHi = Vector256<double>.Zero;
        var cLo = Vector256<double>.Zero;
        var cHi = Vector256<double>.Zero;
        var dLo = Vector256<double>.Zero;
        var dHi = Vector256<double>.Zero;
        for (; j + 8 <= n; j += 8)
        {
            var wl = Vector256.LoadUnsafe(ref wr, j);
            var wh = Vector256.LoadUnsafe(ref wr, j + 4);
            aLo = FusedMath.MulAdd(Widen(ref a, j), wl, aLo);
            aHi = FusedMath.MulAdd(Widen(ref a, j + 4), wh, aHi);
            bLo = FusedMath.MulAdd(Widen(ref b, j), wl, bLo);
            bHi = FusedMath.MulAdd(Widen(ref b, j + 4), wh, bHi);
            cLo = FusedMath.MulAdd(Widen(ref c, j), wl, cLo);
            cHi = FusedMath.MulAdd(Widen(ref c, j + 4), wh, cHi);
            dLo = FusedMath.MulAdd(Widen(ref d, j), wl, dLo);
            dHi = FusedMath.MulAdd(Widen(ref d, j + 4), wh, dHi);
        }

        if (j + 4 <= n)
        {
            var wl = Vector256.LoadUnsafe(ref wr, j);
            aLo = FusedMath.MulAdd(Widen(ref a, j), wl, aLo);
            bLo = FusedMath.MulAdd(Widen(ref b, j), wl, bLo);
            cLo = FusedMath.MulAdd(Widen(ref c, j), wl, cLo);
            dLo = FusedMath.MulAdd(Widen(ref d, j), wl, dLo);
            j += 4;
        }

        double z0 = Vector256.Sum(aLo + aHi);
        double z1 = Vector256.Sum(bLo + bHi);
        double z2 = Vector256.Sum(cLo + cHi);
        double z3 = Vector256.Sum(dLo + dHi);
        for (; j < n; j++)
        {
            double wj = Unsafe.Add(ref wr, j);
            z0 = FusedMath.MulAdd(FeatureElements.Load(ref a, j), wj, z0);
            z1 = FusedMath.MulAdd(FeatureElements.Load(ref b, j), wj, z1);
            z2 = FusedMath.MulAdd(FeatureElements.Load(ref c, j), wj, z2);
            z3 = FusedMath.MulAdd(FeatureElements.Load(ref d, j), wj, z3);
        }

        return Vector256.Create(z0, z1, z2, z3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Evaluate4<TLoss>(
        TLoss loss, Vector256<double> z, Vector256<double> y, out Vector256<double> derivative)
        where TLoss : struct, ILoss =>
        loss.Evaluate4(z, y, out derivative);

    public static void AddScaled<T>(Span<double> gradient, ReadOnlySpan<T> x, double r)
        where T : unmanaged
    {
        ref double g = ref MemoryMarshal.GetReference(gradient);
        ref T xr = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)gradient.Length;
        nuint j = 0;
        var rv = Vector256.Create(r);
        for (; j + 4 <= n; j += 4)
        {
            FusedMath.MulAdd(rv, Widen(ref xr, j), Vector256.LoadUnsafe(ref g, j)).StoreUnsafe(ref g, j);
        }

        for (; j < n; j++)
        {
            ref double gj = ref Unsafe.Add(ref g, j);
            gj = FusedMath.MulAdd(r, FeatureElements.Load(ref xr, j), gj);
        }
    }

    public static void AddScaled4<T>(
        Span<double> gradient,
        ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3,
        Vector256<double> r)
        where T : unmanaged
    {
        ref double g = ref MemoryMarshal.GetReference(gradient);
        ref T a = ref MemoryMarshal.GetReference(x0);
        ref T b = ref MemoryMarshal.GetReference(x1);
        ref T c = ref MemoryMarshal.GetReference(x2);
        ref T d = ref MemoryMarshal.GetReference(x3);
        nuint n = (nuint)gradient.Length;
        nuint j = 0;
        var ra = Vector256.Create(r[0]);
        var rb = Vector256.Create(r[1]);
        var rc = Vector256.Create(r[2]);
        var rd = Vector256.Create(r[3]);
        for (; j + 4 <= n; j += 4)
        {
            var sum = Vector256.LoadUnsafe(ref g, j);
            sum = FusedMath.MulAdd(ra, Widen(ref a, j), sum);
            sum = FusedMath.MulAdd(rb, Widen(ref b, j), sum);
            sum = FusedMath.MulAdd(rc, Widen(ref c, j), sum);
            sum = FusedMath.MulAdd(rd, Widen(ref d, j), sum);
            sum.StoreUnsafe(ref g, j);
        }

        for (; j < n; j++)
        {
            ref double gj = ref Unsafe.Add(ref g, j);
            double sum = gj;
            sum = FusedMath.MulAdd(r[0], FeatureElements.Load(ref a, j), sum);
            sum = FusedMath.MulAdd(r[1], FeatureElements.Load(ref b, j), sum);
            sum = FusedMath.MulAdd(r[2], FeatureElements.Load(ref c, j), sum);
            sum = FusedMath.MulAdd(r[3], FeatureElements.Load(ref d, j), sum);
            gj = sum;
        }
    }

    /// <summary>Four features from <paramref name="x"/>[<paramref name="offset"/>..] as doubles (one vcvtps2pd for floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Widen<T>(ref T x, nuint offset)
        where T : unmanaged => FeatureElements.Load4(ref x, offset);
}
