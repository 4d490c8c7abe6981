namespace OrleansTrainer.Ingest;

/// <summary>
/// One row of a source of named columns on its way to the uploader: its cells as float64 (the features in order, then
/// the label, then the weight if there is one), checked and delivered as float32 or float64 features. Every source of
/// named columns checks its values here: features and label finite, a weight finite and at least 0, a feature read as
/// float32 within the float32 range.
/// </summary>
internal sealed class CheckedRow
{
    private readonly IReadOnlyList<string> _featureNames;
    private readonly string _labelName;
    private readonly string? _weightName;

    public CheckedRow(string sourceName, IReadOnlyList<string> featureNames, string labelName, string? weightName)
    {
        SourceName = sourceName;
        _featureNames = featureNames;
        _labelName = labelName;
        _weightName = weightName;
        Cells = new double[featureNames.Count + (weightName is null ? 1 : 2)];
    }

    /// <summary>The source as shown in errors.</summary>
    public string SourceName { get; }

    /// <summary>The row's cells: features, label, weight (when the source has one). Filled by the source, then delivered.</summary>
    public double[] Cells { get; }

    /// <summary>The label of the row last delivered.</summary>
    public double Label { get; private set; }

    /// <summary>The weight of the row last delivered; 1 without a weight column.</summary>
    public double Weight { get; private set; } = 1;

    /// <summary>The column name of cell <paramref name="cell"/>.</summary>
    public string CellName(int cell) =>
        cell < _featureNames.Count ? _featureNames[cell] : cell == _featureNames.Count ? _labelName : _weightName!;

    /// <summary>An error in cell <paramref name="cell"/> of the row at <paramref name="at"/>.</summary>
    public DataSourceException Error(RowLocation at, int cell, string reason) =>
        new(SourceName, at.RowGroup, at.Row, CellName(cell), reason);

    /// <summary>Checks the cells and copies the features to <paramref name="target"/> as float32.</summary>
    /// <exception cref="DataSourceException">A value is not finite, a feature is beyond the float32 range, or the weight is negative.</exception>
    public void Deliver(Span<float> target, RowLocation at)
    {
        for (var j = 0; j < _featureNames.Count; j++)
        {
            var value = (float)Cells[j];
            if (!float.IsFinite(value))
            {
                throw Error(at, j, double.IsFinite(Cells[j]) ? $"{Cells[j]:R} is beyond the float32 range; store the features as float64" : NotFinite(Cells[j]));
            }

            target[j] = value;
        }

        TakeLabelAndWeight(at);
    }

    /// <summary>Checks the cells and copies the features to <paramref name="target"/> as float64.</summary>
    /// <exception cref="DataSourceException">A value is not finite or the weight is negative.</exception>
    public void Deliver(Span<double> target, RowLocation at)
    {
        for (var j = 0; j < _featureNames.Count; j++)
        {
            if (!double.IsFinite(Cells[j]))
            {
                throw Error(at, j, NotFinite(Cells[j]));
            }

            target[j] = Cells[j];
        }

        TakeLabelAndWeight(at);
    }

    private void TakeLabelAndWeight(RowLocation at)
    {
        var labelCell = _featureNames.Count;
        if (!double.IsFinite(Cells[labelCell]))
        {
            throw Error(at, labelCell, NotFinite(Cells[labelCell]));
        }

        Label = Cells[labelCell];
        if (_weightName is not null)
        {
            var weight = Cells[labelCell + 1];
            if (!double.IsFinite(weight) || weight < 0)
            {
                throw Error(at, labelCell + 1, $"weight must be a finite number >= 0, not {weight:R}");
            }

            Weight = weight;
        }
    }

    private static string NotFinite(double value) => $"{value:R} is not a finite number";
}
