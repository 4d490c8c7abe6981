using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace OrleansTrainer.Numerics;

/// <summary>Cache hints for rows a pass will read soon but the hardware prefetcher cannot foresee (a permutation, the next panel).</summary>
internal static class RowPrefetch
{
    /// <summary>Hints the cache lines of <paramref name="row"/> into L2 (a prefetch never faults).</summary>
    public static unsafe void IntoL2<T>(ReadOnlySpan<T> row)
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
            Sse.Prefetch1(Unsafe.AsPointer(ref Unsafe.Add(ref bytes, offset)));
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
