namespace OrleansTrainer.Abstractions;

/// <summary>The formats the silos read themselves.</summary>
public enum FileFormat
{
    /// <summary>CSV (one record per line), with the options of <c>CsvIngestOptions</c>.</summary>
    Csv,

    /// <summary>LIBSVM text, with the options of <c>LibSvmIngestOptions</c>: a sparse dataset.</summary>
    LibSvm,

    /// <summary>Parquet, with the options of <c>TableIngestOptions</c>; parts are runs of row groups.</summary>
    Parquet,
}

/// <summary>A file the silos read themselves into a dataset (distributed ingestion): it must be readable at the same path on every silo.</summary>
[GenerateSerializer, Immutable, Alias("otrain.FileIngestRequest")]
public sealed record FileIngestRequest
{
    /// <summary>The file's path as the silos see it (a shared volume).</summary>
    [Id(0)] public string Path { get; init; } = "";

    /// <summary>The ingest options of the format as JSON (<c>IngestOptionsJson</c>).</summary>
    [Id(1)] public string Options { get; init; } = "";

    /// <summary>How many parts the file is split into, each read by one silo; 0 for two per active silo.</summary>
    [Id(2)] public int Parts { get; init; }

    /// <summary>The file's format.</summary>
    [Id(3)] public FileFormat Format { get; init; }
}

/// <summary>One part of a file (bytes [Start, End) starting at a line; for Parquet, row groups [Start, End)) to count or to read into a dataset's shards.</summary>
[GenerateSerializer, Immutable, Alias("otrain.FilePart")]
public sealed record FilePart
{
    /// <summary>The file's path.</summary>
    [Id(0)] public string Path { get; init; } = "";

    /// <summary>The first byte of the part.</summary>
    [Id(1)] public long Start { get; init; }

    /// <summary>The byte after the part.</summary>
    [Id(2)] public long End { get; init; }

    /// <summary>The ingest options as JSON.</summary>
    [Id(3)] public string Options { get; init; } = "";

    /// <summary>The file's format.</summary>
    [Id(4)] public FileFormat Format { get; init; }
}

/// <summary>What reading a counted part into the shards needs besides the part.</summary>
[GenerateSerializer, Immutable, Alias("otrain.FilePartRead")]
public sealed record FilePartRead
{
    /// <summary>The dataset.</summary>
    [Id(0)] public string Dataset { get; init; } = "";

    /// <summary>The ingestion the chunks belong to.</summary>
    [Id(1)] public string IngestId { get; init; } = "";

    /// <summary>The encoding decided over the whole file (CSV).</summary>
    [Id(2)] public DatasetEncoding Encoding { get; init; } = new();

    /// <summary>The physical line the part starts on.</summary>
    [Id(3)] public long FirstLine { get; init; }

    /// <summary>The rows the part holds, as counted.</summary>
    [Id(4)] public long Rows { get; init; }

    /// <summary>The dataset row number of the part's first row.</summary>
    [Id(5)] public long FirstRow { get; init; }

    /// <summary>The index of the part's first chunk for each shard.</summary>
    [Id(6)] public int[] FirstChunks { get; init; } = [];

    /// <summary>Rows per chunk (the last chunk of each shard and part fewer), the same for every part.</summary>
    [Id(7)] public int RowsPerChunk { get; init; }

    /// <summary>Whether the file holds a record (a header or a row) before the part: blank lines at the part's start are then between records.</summary>
    [Id(8)] public bool RecordsBefore { get; init; }

    /// <summary>Whether the file holds a record after the part: blank lines at the part's end are then between records.</summary>
    [Id(9)] public bool RecordsAfter { get; init; }
}

/// <summary>Records and line feeds counted in a part of a file.</summary>
[GenerateSerializer, Immutable, Alias("otrain.FilePartCount")]
public sealed record FilePartCount
{
    /// <summary>Lines that are not blank or comments (a header included).</summary>
    [Id(0)] public long Records { get; init; }

    /// <summary>Line feeds.</summary>
    [Id(1)] public long LineFeeds { get; init; }
}

/// <summary>What a part's reader sent.</summary>
[GenerateSerializer, Immutable, Alias("otrain.FilePartResult")]
public sealed record FilePartResult
{
    /// <summary>Rows sent to the shards.</summary>
    [Id(0)] public long Rows { get; init; }

    /// <summary>A sparse part's dimension as its reader saw it (the declared one, or its largest column plus one); 0 for CSV.</summary>
    [Id(1)] public int SparseDimension { get; init; }

    /// <summary>Blank lines between records the part's reader skipped (CSV with <c>SkipBlankLines</c>).</summary>
    [Id(2)] public long SkippedBlankLines { get; init; }
}
