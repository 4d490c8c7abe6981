namespace OrleansTrainer.Numerics;

/// <summary>The rows of a row-major block listed in <c>rowIndices</c>, in list order (a mini-batch).</summary>
internal readonly ref struct IndexedRows(
    ReadOnlySpan<float> features, ReadOnlySpan<double> labels, ReadOnlySpan<int> rowIndices, int cols) : IRowSource
{
    private readonly ReadOnlySpan<float> features = features;
    private readonly ReadOnlySpan<double> labels = labels;
    private readonly ReadOnlySpan<int> rowIndices = rowIndices;

    public int Count => rowIndices.Length;

    public ReadOnlySpan<float> Row(int position) => features.Slice(rowIndices[position] * cols, cols);

    public double Label(int position) => labels[rowIndices[position]];
}
