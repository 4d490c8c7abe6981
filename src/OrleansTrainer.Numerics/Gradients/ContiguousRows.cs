namespace OrleansTrainer.Numerics;

/// <summary>Every row of a row-major block, in storage order; sample weights empty means all 1.</summary>
internal readonly ref struct ContiguousRows<T>(
    ReadOnlySpan<T> features, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, int cols) : IRowSource<T>
    where T : unmanaged
{
    private readonly ReadOnlySpan<T> features = features;
    private readonly ReadOnlySpan<double> labels = labels;
    private readonly ReadOnlySpan<double> sampleWeights = sampleWeights;

    /// <summary>Unweighted rows.</summary>
    public ContiguousRows(ReadOnlySpan<T> features, ReadOnlySpan<double> labels, int cols)
        : this(features, labels, default, cols)
    {
    }

    public int Count => labels.Length;

    public ReadOnlySpan<T> Row(int position) => features.Slice(position * cols, cols);

    public double Label(int position) => labels[position];

    public double Weight(int position) => sampleWeights.IsEmpty ? 1.0 : sampleWeights[position];
}
