namespace OrleansTrainer.Numerics;

/// <summary>Every row of a row-major block, in storage order.</summary>
internal readonly ref struct ContiguousRows(ReadOnlySpan<float> features, ReadOnlySpan<double> labels, int cols) : IRowSource
{
    private readonly ReadOnlySpan<float> features = features;
    private readonly ReadOnlySpan<double> labels = labels;

    public int Count => labels.Length;

    public ReadOnlySpan<float> Row(int position) => features.Slice(position * cols, cols);

    public double Label(int position) => labels[position];
}
