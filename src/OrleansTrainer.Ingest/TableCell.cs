namespace OrleansTrainer.Ingest;

/// <summary>One cell of a source of named columns as read: a number, a category's text, or null (missing).</summary>
internal readonly record struct TableCell
{
    private TableCell(double number, string? text, bool isNull) => (Number, Text, IsNull) = (number, text, isNull);

    /// <summary>A missing cell: an SQL NULL, a Parquet null, a null from typed rows.</summary>
    public static TableCell Null { get; } = new(0, null, isNull: true);

    /// <summary>The number of a numeric cell; 0 otherwise.</summary>
    public double Number { get; }

    /// <summary>The text of a categorical cell; null otherwise.</summary>
    public string? Text { get; }

    /// <summary>Whether the cell is missing.</summary>
    public bool IsNull { get; }

    /// <summary>A numeric cell.</summary>
    public static TableCell Of(double number) => new(number, null, isNull: false);

    /// <summary>A categorical cell; a null <paramref name="text"/> is a missing cell.</summary>
    public static TableCell Of(string? text) => text is null ? Null : new(0, text, isNull: false);
}
