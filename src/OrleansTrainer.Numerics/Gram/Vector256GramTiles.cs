using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The AVX2 + FMA Gram tiles: a 4 × 8 tile lives in eight <see cref="Vector256{T}"/> accumulators
/// for a whole panel; per packed row it loads the 8 b-values (two vectors), broadcasts the 4 a-values
/// (half of an a-side 8-column strip) and issues 8 independent FMAs, enough to keep both FMA pipes busy. The b-strip (8 × rows doubles)
/// stays in L1 while the a-strips of its column of tiles stream past it.
/// </summary>
internal readonly struct Vector256GramTiles : IGramTiles
{
    /// <summary>Whether this kernel runs in hardware here (x64 with AVX2 and FMA).</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static unsafe void Accumulate(
        in GramLayout layout, ReadOnlySpan<double> a, ReadOnlySpan<double> b, int rows, Span<double> sums, ReadOnlySpan<byte> upcoming)
    {
        // The next panel's raw rows go to L2 a few cache lines per tile (a prefetch never faults, and a
        // stale address after the GC moved the array only wastes the hint).
        ref byte ahead = ref MemoryMarshal.GetReference(upcoming);
        int lines = upcoming.Length / 64;
        int linesPerTile = (lines + TileCount(layout) - 1) / Math.Max(1, TileCount(layout));
        int prefetched = 0;

        int width = layout.Width;
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double bRef = ref MemoryMarshal.GetReference(b);
        ref double sRef = ref MemoryMarshal.GetReference(sums);
        int octetStride = GramLayout.OctetStride(rows);
        for (int octet = 0; octet < layout.Octets; octet++)
        {
            ref double bStrip = ref Unsafe.Add(ref bRef, octet * octetStride);
            int quads = Math.Min(layout.UsedQuads, (2 * octet) + 2);
            for (int quad = 0; quad < quads; quad++)
            {
                for (int k = 0; k < linesPerTile && prefetched < lines; k++, prefetched++)
                {
                    Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref ahead, prefetched * 64)));
                }

                Tile(
                    ref Unsafe.Add(ref aRef, ((quad / 2) * octetStride) + (4 * (quad % 2))),
                    ref bStrip,
                    rows,
                    ref Unsafe.Add(ref sRef, (quad * 4 * width) + (octet * 8)),
                    width);
            }
        }
    }

    /// <summary>How many tiles one panel has.</summary>
    private static int TileCount(in GramLayout layout)
    {
        int count = 0;
        for (int octet = 0; octet < layout.Octets; octet++)
        {
            count += Math.Min(layout.UsedQuads, (2 * octet) + 2);
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(ref double a, ref double b, int rows, ref double sums, int width)
    {
        var c00 = Vector256<double>.Zero;
        var c01 = Vector256<double>.Zero;
        var c10 = Vector256<double>.Zero;
        var c11 = Vector256<double>.Zero;
        var c20 = Vector256<double>.Zero;
        var c21 = Vector256<double>.Zero;
        var c30 = Vector256<double>.Zero;
        var c31 = Vector256<double>.Zero;
        for (int i = 0; i < rows; i++)
        {
            var b0 = Vector256.LoadUnsafe(ref b);
            var b1 = Vector256.LoadUnsafe(ref b, 4);
            var a0 = Vector256.Create(a);
            c00 = Fma.MultiplyAdd(a0, b0, c00);
            c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Fma.MultiplyAdd(a1, b0, c10);
            c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Fma.MultiplyAdd(a2, b0, c20);
            c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Fma.MultiplyAdd(a3, b0, c30);
            c31 = Fma.MultiplyAdd(a3, b1, c31);
            a = ref Unsafe.Add(ref a, 8);
            b = ref Unsafe.Add(ref b, 8);
        }

        AddRow(ref sums, c00, c01);
        AddRow(ref Unsafe.Add(ref sums, width), c10, c11);
        AddRow(ref Unsafe.Add(ref sums, 2 * width), c20, c21);
        AddRow(ref Unsafe.Add(ref sums, 3 * width), c30, c31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref double target, Vector256<double> low, Vector256<double> high)
    {
        (Vector256.LoadUnsafe(ref target) + low).StoreUnsafe(ref target);
        (Vector256.LoadUnsafe(ref target, 4) + high).StoreUnsafe(ref target, 4);
    }
}
