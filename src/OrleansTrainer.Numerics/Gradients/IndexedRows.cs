namespace OrleansTrainer.Numerics;

/// <summary>The rows of a row-major block listed in <c>rowIndices</c>, in list order (a mini-batch); sample
/// weights (one per row of the block, empty means all 1) follow the rows.</summary>
internal readonly ref struct IndexedRows<T>(
    ReadOnlySpan<T> features, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, ReadOnlySpan<int> rowIndices, int cols)
    : IRowSource<T>
    where T : unmanaged
{
    private readonly ReadOnlySpan<T> features = features;
    private readonly ReadOnlySpan<double> labels = labels;
    private readonly ReadOnlySpan<double> sampleWeights = sampleWeights;
    private readonly ReadOnlySpan<int> rowIndices = rowIndices;

    /// <summary>Unweighted rows.</summary>
    public IndexedRows(ReadOnlySpan<T> features, ReadOnlySpan<double> labels, ReadOnlySpan<int> rowIndices, int cols)
        : this(features, labels, default, rowIndices, cols)
    {
    }

    public int Count => rowIndices.Length;

    public ReadOnlySpan<T> Row(int position) => features.Slice(rowIndices[position] * cols, cols);

    public double Label(int position) => labels[rowIndices[position]];

    public double Weight(int position) => sampleWeights.IsEmpty ? 1.0 : sampleWeights[rowIndices[position]];
}
