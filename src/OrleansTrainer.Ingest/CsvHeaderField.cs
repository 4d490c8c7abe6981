namespace OrleansTrainer.Ingest;

/// <summary>One column name read from the header row, with the physical line it starts on.</summary>
internal readonly record struct CsvHeaderField(string Name, long Line);
