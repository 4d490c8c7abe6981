namespace OrleansTrainer.Numerics;

/// <summary>
/// The shape of the augmented rows the Gram kernel multiplies: z = [x − c, y, 1, 0 ...], m = cols + 2
/// entries padded with zeros to <see cref="Width"/> (a multiple of 8). The upper triangle of
/// sum_i s_i z_i z_iᵀ holds every sum of <see cref="GramSums"/>: XtX in [0, cols)², Xty in column cols,
/// XSum in column cols + 1, YySum at (cols, cols), YSum at (cols, cols + 1), WeightSum at (cols + 1, cols + 1).
/// </summary>
internal readonly struct GramLayout
{
    /// <summary>Layout for <paramref name="cols"/> features.</summary>
    public GramLayout(int cols)
    {
        Cols = cols;
        Width = (cols + 2 + 7) & ~7;
        UsedQuads = (cols + 2 + 3) / 4;
    }

    /// <summary>The feature count.</summary>
    public int Cols { get; }

    /// <summary>The padded width of an augmented row, a multiple of 8.</summary>
    public int Width { get; }

    /// <summary>Strips of 8 columns (the B side of a tile).</summary>
    public int Octets => Width / 8;

    /// <summary>Strips of 4 columns that hold anything but padding (the A side of a tile).</summary>
    public int UsedQuads { get; }

    /// <summary>
    /// Doubles from one packed 8-column strip to the next for a panel of <paramref name="rows"/> rows: the
    /// strip plus 64 bytes, so that the strips a row is scattered into do not sit a multiple of 4 KiB
    /// apart (which would stall every store on 4K aliasing).
    /// </summary>
    public static int OctetStride(int rows) => (8 * rows) + 8;

    /// <summary>Doubles in one packed panel of <paramref name="rows"/> rows.</summary>
    public int PanelLength(int rows) => Octets * OctetStride(rows);

    /// <summary>Whole 8-column strips of features only (no label, one or padding in them).</summary>
    public int FeatureOctets => Cols / 8;
}
