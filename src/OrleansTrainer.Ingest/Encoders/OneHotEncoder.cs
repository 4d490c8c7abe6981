using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// A one-hot column: 1 in the feature of the cell's category and 0 in the others; a category outside the vocabulary
/// goes to the <c>&lt;other&gt;</c> bucket when there is one and is refused otherwise. Looks categories up without
/// allocating.
/// </summary>
internal sealed class OneHotEncoder : CategoryEncoder
{
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _positions;

    public OneHotEncoder(ColumnEncoding encoding)
        : base(encoding)
    {
        var positions = new Dictionary<string, int>(encoding.Categories.Length, StringComparer.Ordinal);
        for (int i = 0; i < encoding.Categories.Length; i++)
        {
            positions.Add(encoding.Categories[i], i);
        }

        _positions = positions.GetAlternateLookup<ReadOnlySpan<char>>();
        Width = encoding.Categories.Length + (encoding.HasOtherBucket ? 1 : 0);
    }

    /// <inheritdoc />
    public override int Width { get; }

    /// <inheritdoc />
    protected override CsvCellProblem EncodeCategory<T>(ReadOnlySpan<char> category, Span<T> features)
    {
        features.Clear();
        if (_positions.TryGetValue(category, out int position))
        {
            Set(ref features[position], 1);
            return CsvCellProblem.None;
        }

        if (!Encoding.HasOtherBucket)
        {
            return CsvCellProblem.UnknownCategory;
        }

        Set(ref features[^1], 1);
        return CsvCellProblem.None;
    }
}
