using ParquetSharp;

namespace OrleansTrainer.Client.Tests.Ingest.Sources;

/// <summary>
/// Writes test files with ParquetSharp, Apache's C++ Parquet writer, so the reader (Parquet.Net) is tested on files it
/// did not write: a writer's misreading of the format would otherwise cancel out in its own reader. Arrow's writer
/// dictionary-encodes every column by default, as the files of most Parquet users are.
/// </summary>
internal static class ParquetTestFile
{
    /// <summary>A temporary path ending in .parquet.</summary>
    public static string NewPath() => Path.Combine(Path.GetTempPath(), $"otrain-{Guid.NewGuid():N}.parquet");

    /// <summary>Writes one row group per action; each action writes every column in order with <see cref="Column{T}"/>.</summary>
    public static void Write(string path, Column[] columns, params Action<RowGroupWriter>[] rowGroups)
    {
        using var file = new ParquetFileWriter(path, columns);
        foreach (var write in rowGroups)
        {
            using var group = file.AppendRowGroup();
            write(group);
        }

        file.Close();
    }

    /// <summary>Writes the next column of <paramref name="group"/>.</summary>
    public static void Column<T>(RowGroupWriter group, params T[] values)
    {
        using var writer = group.NextColumn().LogicalWriter<T>();
        writer.WriteBatch(values);
    }

    /// <summary>The encodings of column <paramref name="column"/> in each row group, as written.</summary>
    public static IReadOnlyList<Encoding[]> Encodings(string path, int column)
    {
        using var file = new ParquetFileReader(path);
        return [.. Enumerable.Range(0, file.FileMetaData.NumRowGroups).Select(g => file.RowGroup(g).MetaData.GetColumnChunkMetaData(column).Encodings)];
    }

    /// <summary>Where row group <paramref name="rowGroup"/> starts in the file: after the 4-byte magic and the column chunks of the groups before it.</summary>
    public static long RowGroupOffset(string path, int rowGroup)
    {
        using var file = new ParquetFileReader(path);
        return 4 + Enumerable.Range(0, rowGroup).Sum(g =>
        {
            var group = file.RowGroup(g).MetaData;
            return Enumerable.Range(0, group.NumColumns).Sum(c => group.GetColumnChunkMetaData(c).TotalCompressedSize);
        });
    }
}
