using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OrleansTrainer.Numerics;

/// <summary>
/// Packs a panel of rows into the layout the tile kernel streams through: the augmented rows z_i (see
/// <see cref="GramLayout"/>) in strips of 8 columns, each strip row after row (<c>b[octet][row][0..8)</c>,
/// strips <see cref="GramLayout.OctetStride"/> apart), and, when the rows are weighted, the weighted
/// rows s_i z_i in the same layout (the a side; unweighted, the a side is the b side). Features are
/// widened to float64 and centered here, once per row, straight into the strips; only the last,
/// partly filled strips (features, label, 1, padding) go through a row of scratch.
/// </summary>
internal static class GramPanel
{
    /// <summary>
    /// Packs rows [<paramref name="first"/>, <paramref name="first"/> + <paramref name="rows"/>) of the block
    /// into <paramref name="b"/> and, when <paramref name="sampleWeights"/> is not empty, their weighted
    /// copies into <paramref name="a"/>. <paramref name="row"/> is <see cref="GramLayout.Width"/> doubles of
    /// scratch whose entries past cols + 1 are zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Pack<T>(
        in GramLayout layout,
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> center,
        int first,
        int rows,
        Span<double> row,
        Span<double> a,
        Span<double> b)
        where T : unmanaged
    {
        int cols = layout.Cols;
        int stride = GramLayout.OctetStride(rows);
        int fullOctets = layout.FeatureOctets;
        int octets = layout.Octets;
        bool weighted = !sampleWeights.IsEmpty;
        bool centered = !center.IsEmpty;
        ref double z = ref MemoryMarshal.GetReference(row);
        ref double aRef = ref MemoryMarshal.GetReference(a);
        ref double bRef = ref MemoryMarshal.GetReference(b);
        ref double c = ref MemoryMarshal.GetReference(center);
        for (int i = 0; i < rows; i++)
        {
            int source = first + i;
            ref T x = ref MemoryMarshal.GetReference(features.Slice(source * cols, cols));
            var s = Vector256.Create(weighted ? sampleWeights[source] : 1.0);
            for (int k = 0; k < fullOctets; k++)
            {
                nuint j = (nuint)(k * 8);
                var low = FeatureElements.Load4(ref x, j);
                var high = FeatureElements.Load4(ref x, j + 4);
                if (centered)
                {
                    low -= Vector256.LoadUnsafe(ref c, j);
                    high -= Vector256.LoadUnsafe(ref c, j + 4);
                }

                Store(ref Unsafe.Add(ref bRef, (k * stride) + (i * 8)), low, high);
                if (weighted)
                {
                    Store(ref Unsafe.Add(ref aRef, (k * stride) + (i * 8)), s * low, s * high);
                }
            }

            int tail = fullOctets * 8;
            for (int j = tail; j < cols; j++)
            {
                double value = FeatureElements.Load(ref x, (nuint)j);
                Unsafe.Add(ref z, j) = centered ? value - Unsafe.Add(ref c, j) : value;
            }

            Unsafe.Add(ref z, cols) = labels[source];
            Unsafe.Add(ref z, cols + 1) = 1.0;
            for (int k = fullOctets; k < octets; k++)
            {
                var low = Vector256.LoadUnsafe(ref z, (nuint)(k * 8));
                var high = Vector256.LoadUnsafe(ref z, (nuint)((k * 8) + 4));
                Store(ref Unsafe.Add(ref bRef, (k * stride) + (i * 8)), low, high);
                if (weighted)
                {
                    Store(ref Unsafe.Add(ref aRef, (k * stride) + (i * 8)), s * low, s * high);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref double target, Vector256<double> low, Vector256<double> high)
    {
        low.StoreUnsafe(ref target);
        high.StoreUnsafe(ref target, 4);
    }
}
