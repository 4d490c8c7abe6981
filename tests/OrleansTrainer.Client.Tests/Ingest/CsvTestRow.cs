namespace OrleansTrainer.Client.Tests.Ingest;

/// <summary>One row as the reader returned it.</summary>
internal sealed record CsvTestRow(float[] Features, double Label, long Line, double Weight);
