using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>
/// A hashed categorical column: the category hashed by <see cref="FeatureHasher"/> (key <c>column=category</c>) onto
/// 2^bits features, contributing its sign, ±1, at its index and 0 elsewhere. Every category has a place, so none is
/// ever unknown.
/// </summary>
internal sealed class HashedEncoder(ColumnEncoding encoding) : ColumnEncoder(encoding)
{
    private readonly FeatureHasher _hasher = new(encoding.HashBits, encoding.HashSeed);
    private readonly byte[] _prefix = FeatureHasher.CategoricalPrefix(encoding.Column);

    /// <inheritdoc />
    public override int Width => _hasher.Buckets;

    /// <inheritdoc />
    public override CsvCellProblem Encode<T>(ReadOnlySpan<char> cell, Span<T> features)
    {
        features.Clear();
        CsvCellProblem problem = Category(cell, out ReadOnlySpan<char> category);
        if (problem == CsvCellProblem.None)
        {
            (int index, float sign) = _hasher.Hash(_prefix, category);
            Set(ref features[index], sign);
        }

        return problem;
    }
}
