namespace OrleansTrainer.Numerics;

/// <summary>
/// The distinct columns a mini-batch step touches, in the order first touched: a stamp per column over the width
/// (allocated on first use: steps of one row never need it), so listing them costs the batch's entries.
/// </summary>
internal sealed class TouchedColumns(int width)
{
    private readonly Lazy<int[]> _marks = new(() => new int[width]);
    private readonly List<int> _columns = [];
    private int _stamp;

    /// <summary>The columns touched since <see cref="Begin"/>.</summary>
    public IReadOnlyList<int> Columns => _columns;

    /// <summary>Starts a new step with no column touched.</summary>
    public void Begin()
    {
        _stamp++;
        _columns.Clear();
    }

    /// <summary>Records <paramref name="column"/> if it is the first time this step.</summary>
    public void Touch(int column)
    {
        var marks = _marks.Value;
        if (marks[column] != _stamp)
        {
            marks[column] = _stamp;
            _columns.Add(column);
        }
    }
}
