namespace OrleansTrainer.Numerics;

/// <summary>The rows one gradient pass walks, by position in the pass.</summary>
/// <typeparam name="T">The feature element type, float or double.</typeparam>
internal interface IRowSource<T>
    where T : unmanaged
{
    /// <summary>How many rows the pass covers.</summary>
    int Count { get; }

    /// <summary>The features of the row at <paramref name="position"/>, exactly one model width long.</summary>
    ReadOnlySpan<T> Row(int position);

    /// <summary>The label of the row at <paramref name="position"/>.</summary>
    double Label(int position);

    /// <summary>The sample weight of the row at <paramref name="position"/> (1 when the pass is unweighted).</summary>
    double Weight(int position);
}
