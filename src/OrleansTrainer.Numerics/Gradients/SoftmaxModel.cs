using System.Buffers;

namespace OrleansTrainer.Numerics;

/// <summary>
/// The softmax model laid out for the panel kernels of <see cref="SoftmaxChunk"/>: classes padded to
/// <see cref="PaddedClasses"/> (a multiple of 4), columns to <see cref="PaddedCols"/> (a multiple of 8),
/// the weights transposed to cols × PaddedClasses (row j holds w_kj for every class k, zero for padding
/// classes) and the intercepts padded with zeros. Rents its arrays; dispose to return them.
/// </summary>
internal sealed class SoftmaxModel : IDisposable
{
    /// <summary>Largest panel, in rows; smaller for wide rows so a widened panel stays near 256 KiB.</summary>
    private const int MaxPanelRows = 64;

    private const int PanelDoubles = 32 * 1024;

    private readonly double[] transposed;
    private readonly double[] intercepts;

    /// <summary>Lays out <paramref name="weights"/> (classes × cols) and <paramref name="intercepts"/>.</summary>
    public SoftmaxModel(int classes, ReadOnlySpan<double> weights, ReadOnlySpan<double> intercepts)
    {
        Classes = classes;
        Cols = weights.Length / classes;
        PaddedClasses = (classes + 3) & ~3;
        PaddedCols = (Cols + 7) & ~7;
        PanelRows = Math.Clamp((PanelDoubles / Math.Max(8, PaddedCols)) & ~3, 4, MaxPanelRows);
        transposed = ArrayPool<double>.Shared.Rent(Math.Max(1, Cols * PaddedClasses));
        this.intercepts = ArrayPool<double>.Shared.Rent(PaddedClasses);
        Transposed.Clear();
        Intercepts.Clear();
        for (int k = 0; k < classes; k++)
        {
            for (int j = 0; j < Cols; j++)
            {
                transposed[(j * PaddedClasses) + k] = weights[(k * Cols) + j];
            }

            this.intercepts[k] = intercepts[k];
        }
    }

    /// <summary>K.</summary>
    public int Classes { get; }

    /// <summary>Feature columns.</summary>
    public int Cols { get; }

    /// <summary>K rounded up to a multiple of 4.</summary>
    public int PaddedClasses { get; }

    /// <summary>Columns rounded up to a multiple of 8.</summary>
    public int PaddedCols { get; }

    /// <summary>Rows per panel: a multiple of 4, from 4 to 64, fixed by the shape (so the summation order is too).</summary>
    public int PanelRows { get; }

    /// <summary>cols × PaddedClasses: the weights transposed, padding classes zero.</summary>
    public Span<double> Transposed => transposed.AsSpan(0, Cols * PaddedClasses);

    /// <summary>PaddedClasses intercepts, padding zero.</summary>
    public Span<double> Intercepts => intercepts.AsSpan(0, PaddedClasses);

    /// <summary>Doubles of scratch one chunk needs (see <see cref="SoftmaxChunk"/>).</summary>
    public int ScratchLength =>
        (PanelRows * PaddedCols) + (PanelRows * PaddedClasses) + (PaddedClasses * PaddedCols);

    public void Dispose()
    {
        ArrayPool<double>.Shared.Return(transposed);
        ArrayPool<double>.Shared.Return(intercepts);
    }
}
