using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace OrleansTrainer.Numerics;

/// <summary>Cache hints for rows a pass will read soon but the hardware prefetcher cannot foresee (a permutation, the next panel) or does not fetch early enough (the next group of short dense rows).</summary>
internal static class RowPrefetch
{
    /// <summary>Hints the cache lines of <paramref name="row"/> into L2 (a prefetch never faults).</summary>
    public static void IntoL2<T>(ReadOnlySpan<T> row)
        where T : unmanaged => Lines(row, intoL1: false);

    /// <summary>
    /// Whether a dense pass gains by hinting the next group's rows (16) into L1 while it computes the current one,
    /// for rows of <paramref name="rowBytes"/> bytes. Measured on the build machine (AMD EPYC, one thread, 1M rows,
    /// bench/RESULTS.md "Session 13"): float32 rows of 64 / 100 / 128 / 160 features (256–640 bytes) went from
    /// 19.0 / 33.6 / 37.6 / 32.6 ms to 14.6 / 21.8 / 28.0 / 27.9 ms; rows of 32 features (128 bytes) lost 12 %
    /// (the hardware prefetcher keeps up with short rows) and rows of 800 bytes (float32 × 200, float64 × 100)
    /// gained nothing or lost up to 20 % (two groups of them crowd a 32 KB L1 with the weights and gradient).
    /// </summary>
    public static bool PaysAhead(int rowBytes) => Sse.IsSupported && rowBytes is >= 256 and <= 640;

    /// <summary>Hints into L1 every cache line of the rows at positions [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static void IntoL1<TRows, T>(scoped in TRows rows, int from, int to)
        where TRows : IRowSource<T>, allows ref struct
        where T : unmanaged
    {
        for (int position = from; position < to; position++)
        {
            Lines(rows.Row(position), intoL1: true);
        }
    }

    private static unsafe void Lines<T>(ReadOnlySpan<T> row, bool intoL1)
        where T : unmanaged
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        ref byte bytes = ref Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(row));
        int length = row.Length * sizeof(T);
        for (int offset = 0; offset < length; offset += 64)
        {
            void* line = Unsafe.AsPointer(ref Unsafe.Add(ref bytes, offset));
            if (intoL1)
            {
                Sse.Prefetch0(line);
            }
            else
            {
                Sse.Prefetch1(line);
            }
        }
    }

    /// <summary>
    /// Hints into L1 the entries of <paramref name="values"/> at <paramref name="positions"/> (a sparse row's columns),
    /// for a gather or scatter that follows; positions outside <paramref name="values"/> are skipped.
    /// </summary>
    public static unsafe void Gathered(ReadOnlySpan<int> positions, ReadOnlySpan<double> values)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        ref double first = ref MemoryMarshal.GetReference(values);
        foreach (int position in positions)
        {
            if ((uint)position < (uint)values.Length)
            {
                Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref first, position)));
            }
        }
    }
}
