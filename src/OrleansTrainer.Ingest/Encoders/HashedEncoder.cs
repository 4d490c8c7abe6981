using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// A hashed categorical column: the category hashed by <see cref="FeatureHasher"/> (key <c>column=category</c>) onto
/// 2^bits features, contributing its sign, ±1, at its index and 0 elsewhere. Every category has a place, so none is
/// ever unknown.
/// </summary>
internal sealed class HashedEncoder(ColumnEncoding encoding) : CategoryEncoder(encoding)
{
    private readonly FeatureHasher _hasher = new(encoding.HashBits, encoding.HashSeed);
    private readonly byte[] _prefix = FeatureHasher.CategoricalPrefix(encoding.Column);

    /// <inheritdoc />
    public override int Width => _hasher.Buckets;

    /// <inheritdoc />
    protected override CsvCellProblem EncodeCategory<T>(ReadOnlySpan<char> category, Span<T> features)
    {
        features.Clear();
        (int index, float sign) = _hasher.Hash(_prefix, category);
        Set(ref features[index], sign);
        return CsvCellProblem.None;
    }
}
