using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OrleansTrainer.Numerics;

/// <summary>
/// One chunk of the Gram pass: its panels of <see cref="GramKernel.PanelRows"/> rows in order, each
/// packed (<see cref="GramPanel"/>) and multiplied into the chunk's own upper-triangle accumulator;
/// then <see cref="AddTo"/> folds the accumulator into a <see cref="GramSums"/> and mirrors it.
/// </summary>
internal static class GramChunk
{
    /// <summary>Doubles of scratch <see cref="Compute{TTiles, T}"/> needs besides the accumulator.</summary>
    public static int ScratchLength(in GramLayout layout) =>
        layout.Width + (2 * layout.PanelLength(GramKernel.PanelRows));

    /// <summary>
    /// Adds the chunk rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>)
    /// into <paramref name="sums"/> (Width² doubles, upper-triangle tiles).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Compute<TTiles, T>(
        in GramLayout layout,
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> center,
        int start,
        int count,
        Span<double> sums,
        Span<double> scratch)
        where TTiles : IGramTiles
        where T : unmanaged
    {
        int panelLength = layout.PanelLength(GramKernel.PanelRows);
        Span<double> row = scratch[..layout.Width];
        Span<double> a = scratch.Slice(layout.Width, panelLength);
        Span<double> b = scratch.Slice(layout.Width + panelLength, panelLength);
        row.Clear();
        for (int first = start; first < start + count; first += GramKernel.PanelRows)
        {
            int rows = Math.Min(GramKernel.PanelRows, start + count - first);
            GramPanel.Pack(layout, features, labels, sampleWeights, center, first, rows, row, a, b);
            int next = first + rows;
            int nextRows = Math.Min(GramKernel.PanelRows, (features.Length / Math.Max(1, layout.Cols)) - next);
            var upcoming = nextRows > 0 && layout.Cols > 0
                ? MemoryMarshal.AsBytes(features.Slice(next * layout.Cols, nextRows * layout.Cols))
                : default;
            TTiles.Accumulate(layout, sampleWeights.IsEmpty ? b : a, b, rows, sums, upcoming);
        }
    }

    /// <summary>Rents scratch for <see cref="Compute{TTiles, T}"/> and runs it.</summary>
    public static void ComputeWithRentedScratch<TTiles, T>(
        in GramLayout layout,
        ReadOnlySpan<T> features,
        ReadOnlySpan<double> labels,
        ReadOnlySpan<double> sampleWeights,
        ReadOnlySpan<double> center,
        int start,
        int count,
        Span<double> sums)
        where TTiles : IGramTiles
        where T : unmanaged
    {
        int length = ScratchLength(layout);
        double[] scratch = ArrayPool<double>.Shared.Rent(length);
        try
        {
            Compute<TTiles, T>(layout, features, labels, sampleWeights, center, start, count, sums, scratch.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>Adds a chunk accumulator (upper triangle of the augmented Gram matrix) into <paramref name="total"/>, mirrored.</summary>
    public static void AddTo(in GramLayout layout, ReadOnlySpan<double> sums, long rows, GramSums total)
    {
        int cols = layout.Cols;
        int width = layout.Width;
        double[] xtx = total.XtX;
        for (int i = 0; i < cols; i++)
        {
            var source = sums.Slice(i * width, width);
            int diagonal = i * cols;
            xtx[diagonal + i] += source[i];
            for (int j = i + 1; j < cols; j++)
            {
                double value = xtx[diagonal + j] + source[j];
                xtx[diagonal + j] = value;
                xtx[(j * cols) + i] = value;
            }

            total.Xty[i] += source[cols];
            total.XSum[i] += source[cols + 1];
        }

        total.YySum += sums[(cols * width) + cols];
        total.YSum += sums[(cols * width) + cols + 1];
        total.WeightSum += sums[((cols + 1) * width) + cols + 1];
        total.Rows += rows;
    }
}
