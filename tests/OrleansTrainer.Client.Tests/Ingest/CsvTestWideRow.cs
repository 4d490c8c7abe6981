namespace OrleansTrainer.Client.Tests.Ingest;

/// <summary>One row as the reader's float64 <c>ReadRowAsync</c> returned it.</summary>
internal sealed record CsvTestWideRow(double[] Features, double Label, long Line, double Weight);
