namespace OrleansTrainer.Numerics;

/// <summary>The per-row argument checks the kernels share: sample weights, and labels the loss cannot take.</summary>
internal static class RowChecks
{
    /// <summary>Throws unless <paramref name="sampleWeights"/> is empty or has one entry per row.</summary>
    public static void SampleWeightCount(ReadOnlySpan<double> sampleWeights, int rows)
    {
        if (!sampleWeights.IsEmpty && sampleWeights.Length != rows)
        {
            throw new ArgumentException(
                $"Expected {rows} sample weights (one per row) or none, got {sampleWeights.Length}.", nameof(sampleWeights));
        }
    }

    /// <summary>Whether <see cref="Row"/> has anything to check for this loss and these weights.</summary>
    public static bool Needed<TLoss>(TLoss loss, ReadOnlySpan<double> sampleWeights)
        where TLoss : struct, ILoss =>
        !sampleWeights.IsEmpty || loss.ChecksLabels;

    /// <summary>Throws when row <paramref name="row"/> has a negative or non-finite sample weight, or a label the loss cannot take.</summary>
    public static void Row<TLoss>(TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> sampleWeights, int row)
        where TLoss : struct, ILoss
    {
        SampleWeight(sampleWeights, row);
        if (loss.ChecksLabels && !loss.AcceptsLabel(labels[row]))
        {
            throw new ArgumentException($"Row {row} has label {labels[row]}; {loss.LabelRequirement}.", nameof(labels));
        }
    }

    /// <summary>Throws when row <paramref name="row"/> has a negative or non-finite sample weight (none when the span is empty).</summary>
    public static void SampleWeight(ReadOnlySpan<double> sampleWeights, int row)
    {
        if (!sampleWeights.IsEmpty)
        {
            double s = sampleWeights[row];
            if (!(s >= 0.0 && double.IsFinite(s)))
            {
                throw new ArgumentException(
                    $"Row {row} has sample weight {s}; sample weights must be finite and non-negative.", nameof(sampleWeights));
            }
        }
    }
}
