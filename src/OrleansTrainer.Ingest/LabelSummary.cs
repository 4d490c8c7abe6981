namespace OrleansTrainer.Ingest;

/// <summary>What ingestion learns about the labels and instance weights as the rows stream past.</summary>
internal sealed class LabelSummary
{
    /// <summary>Smallest label.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>Largest label.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Whether every label is 0 or 1.</summary>
    public bool AllBinary { get; private set; } = true;

    /// <summary>Whether every label is a whole number.</summary>
    public bool AllIntegers { get; private set; } = true;

    /// <summary>Sum of the instance weights.</summary>
    public double WeightSum { get; private set; }

    /// <summary>Takes one row's label and weight into account.</summary>
    public void Add(double label, double weight)
    {
        Min = Math.Min(Min, label);
        Max = Math.Max(Max, label);
        AllBinary &= label is 0.0 or 1.0;
        AllIntegers &= label == Math.Floor(label);
        WeightSum += weight;
    }
}
