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
}
