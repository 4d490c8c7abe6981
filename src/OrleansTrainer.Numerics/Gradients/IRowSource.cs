namespace OrleansTrainer.Numerics;

/// <summary>The rows one gradient pass walks, by position in the pass.</summary>
internal interface IRowSource
{
    /// <summary>How many rows the pass covers.</summary>
    int Count { get; }

    /// <summary>The features of the row at <paramref name="position"/>, exactly one model width long.</summary>
    ReadOnlySpan<float> Row(int position);

    /// <summary>The label of the row at <paramref name="position"/>.</summary>
    double Label(int position);
}
