namespace OrleansTrainer.Ingest;

/// <summary>Why a cell is not a usable number.</summary>
internal enum CsvCellProblem
{
    /// <summary>The cell holds a finite number in range.</summary>
    None,

    /// <summary>The cell is empty or only whitespace.</summary>
    Empty,

    /// <summary>The cell is not a number.</summary>
    Unparseable,

    /// <summary>The cell is a number written with a decimal comma ("3,5"), which is not read.</summary>
    DecimalComma,

    /// <summary>A categorical cell holds a category the encoding does not know, and the column has no other bucket.</summary>
    UnknownCategory,

    /// <summary>The cell spells NaN or an infinity.</summary>
    NotFinite,

    /// <summary>The cell is a finite decimal number too large in magnitude for float32.</summary>
    OutOfFloat32Range,

    /// <summary>The cell is a finite decimal number too large in magnitude for float64.</summary>
    OutOfFloat64Range,

    /// <summary>A weight cell spells a number that is negative, NaN, infinite or too large in magnitude for float64.</summary>
    InvalidWeight,
}
