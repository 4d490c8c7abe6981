namespace OrleansTrainer.Cli.Prediction;

/// <summary>One input row's model margins (one per output), with its id when the input has an id column.</summary>
/// <param name="Id">The id column's text, or null.</param>
/// <param name="Margins">x·w_k + b_k for every output k.</param>
/// <param name="Weight">The weight column's text when one was asked for (local evaluation), else null.</param>
public sealed record PredictionRow(string? Id, double[] Margins, string? Weight = null);
