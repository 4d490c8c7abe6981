using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Ingest.Encoders;

/// <summary>A categorical column: a cell's text is its category, and a missing cell takes the category <see cref="MissingCell"/> gives it.</summary>
internal abstract class CategoryEncoder(ColumnEncoding encoding) : ColumnEncoder(encoding)
{
    /// <inheritdoc />
    public override CsvCellProblem EncodeMissing<T>(Span<T> features) =>
        MissingCell.Category(Encoding.Missing) is { } category ? EncodeCategory(category, features) : CsvCellProblem.Empty;

    /// <inheritdoc />
    protected override CsvCellProblem EncodePresent<T>(ReadOnlySpan<char> cell, Span<T> features) => EncodeCategory(cell, features);

    /// <summary>Writes the features of <paramref name="category"/>.</summary>
    /// <returns><see cref="CsvCellProblem.None"/>, or why the category is refused.</returns>
    protected abstract CsvCellProblem EncodeCategory<T>(ReadOnlySpan<char> category, Span<T> features)
        where T : unmanaged;
}
