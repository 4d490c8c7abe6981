namespace OrleansTrainer.Ingest;

/// <summary>
/// THE place that decides what a missing cell (an SQL NULL, a Parquet null) becomes, for every source of named
/// columns. For now it is refused with an error naming the source, the row and the column; a missing-value policy
/// (impute, drop the row) will be decided here and nowhere else.
/// </summary>
internal static class MissingCell
{
    /// <summary>The value a missing cell stands for; today none: throws.</summary>
    /// <param name="row">The row being assembled, which names the source and the column.</param>
    /// <param name="at">Where the row is.</param>
    /// <param name="cell">The cell's index in <see cref="CheckedRow.Cells"/>.</param>
    /// <exception cref="DataSourceException">Always, for now: missing values are not accepted.</exception>
    public static double Resolve(CheckedRow row, RowLocation at, int cell) =>
        throw row.Error(at, cell, "NULL; missing values are not accepted yet");
}
