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
    /// Whether a dense pass gains by hinting the next group's rows into L1 while it computes the current one, for rows
    /// of <paramref name="rowBytes"/> bytes. Measured on the build machine (AMD EPYC, one thread, squared loss, ms per
    /// pass before → after; bench/RESULTS.md "Session 13"): float32 × 64 / 100 / 128 / 200 / 400 features 19.8 → 14.2,
    /// 34.2 → 21.9, 37.7 → 25.3, 37.1 → 21.9, 35.8 → 21.2; float64 × 50 / 100 / 200 42.1 → 17.8, 36.4 → 29.6,
    /// 45.9 → 29.3. Rows of 128 bytes lost about 10 % with hints (the hardware prefetcher keeps up with them); rows
    /// longer than 1,600 bytes are long streams of their own and are left to the hardware.
    /// </summary>
    public static bool PaysAhead(long rowBytes) => Sse.IsSupported && rowBytes is >= 256 and <= 1600;

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
