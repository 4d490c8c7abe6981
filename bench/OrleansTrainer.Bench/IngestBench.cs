using System.Diagnostics;
using OrleansTrainer.Client;
using OrleansTrainer.Ingest;
using ParquetSharp;

namespace OrleansTrainer.Bench;

/// <summary>
/// Ingestion throughput (issue 14): the same rows as CSV and as Parquet through the client into the cluster (and, to
/// split the cost, the client's CSV parse alone and the rows from a binary file, which costs no parse), and both
/// files read by the silos themselves (<c>CreateDatasetFromSharedCsvAsync</c>, <c>CreateDatasetFromSharedParquetAsync</c>, two parts per silo), in MB/s of file read
/// and rows/s. The Parquet file is written here from the OTDS twin of the CSV with ParquetSharp (float32
/// columns x0..x{d-1} and a float64 label "target", as the CSV names them; row groups of 65,536 rows), once.
/// </summary>
internal static class IngestBench
{
    private const int RowGroupRows = 1 << 16;
    private const string Label = "target";

    public static async Task RunAsync(TrainerClient client, string csv, string otds, int shards)
    {
        var parquet = Path.ChangeExtension(otds, ".parquet");
        if (!File.Exists(parquet))
        {
            WriteParquet(otds, parquet);
        }

        await MeasureParseAsync(csv);
        await MeasureAsync("ingest_binary_rows", otds, shards, async name =>
        {
            using var rows = OtdsRowReader.Open(otds);
            return await client.CreateDatasetAsync(name, rows, new IngestOptions { ShardCount = shards });
        });
        await MeasureAsync("ingest_csv", csv, shards, name => client.CreateDatasetFromCsvAsync(name, csv, new CsvIngestOptions { LabelColumn = Label, ShardCount = shards }));
        await MeasureAsync("ingest_csv_by_silos", csv, shards, name => client.CreateDatasetFromSharedCsvAsync(name, Path.GetFullPath(csv), new CsvIngestOptions { LabelColumn = Label, ShardCount = shards }));
        await MeasureAsync("ingest_parquet", parquet, shards, name => client.CreateDatasetFromParquetAsync(name, parquet, new TableIngestOptions { LabelColumn = Label, ShardCount = shards }));
        await MeasureAsync("ingest_parquet_by_silos", parquet, shards, name => client.CreateDatasetFromSharedParquetAsync(name, Path.GetFullPath(parquet), new TableIngestOptions { LabelColumn = Label, ShardCount = shards }));

        async Task MeasureAsync(string name, string path, int shardCount, Func<string, Task<OrleansTrainer.Abstractions.DatasetInfo>> ingest)
        {
            var clock = Stopwatch.StartNew();
            var info = await ingest(name.Replace('_', '-'));
            var seconds = clock.Elapsed.TotalSeconds;
            await client.DeleteDatasetAsync(info.Name);
            var megabytes = new FileInfo(path).Length / 1e6;
            new Measurement(name, megabytes / seconds, "MB/s", new Dictionary<string, object>
            {
                ["rows_per_s"] = Math.Round(info.TotalRows / seconds), ["seconds"] = Math.Round(seconds, 2), ["file_mb"] = Math.Round(megabytes, 1),
                ["rows"] = info.TotalRows, ["features"] = info.Schema.FeatureCount, ["shards"] = shardCount,
            }).Print();
        }
    }

    /// <summary>The client's CSV reader alone, parsing every row into float32 features and sending nothing: the ceiling of ingestion through one client.</summary>
    private static async Task MeasureParseAsync(string csv)
    {
        var clock = Stopwatch.StartNew();
        using var reader = await CsvDatasetReader.OpenAsync(new StreamReader(csv), Path.GetFileName(csv), new CsvIngestOptions { LabelColumn = Label });
        var row = new float[reader.FeatureNames.Count];
        double checksum = 0;
        while (await reader.ReadRowAsync(row, CancellationToken.None))
        {
            checksum += row[0] + reader.CurrentLabel;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var megabytes = new FileInfo(csv).Length / 1e6;
        new Measurement("parse_csv_client_only", megabytes / seconds, "MB/s", new Dictionary<string, object>
        {
            ["rows_per_s"] = Math.Round(reader.RowsRead / seconds), ["seconds"] = Math.Round(seconds, 2), ["file_mb"] = Math.Round(megabytes, 1),
            ["checksum"] = Math.Round(checksum, 3),
        }).Print();
    }

    private static void WriteParquet(string otds, string parquet)
    {
        using var rows = OtdsRowReader.Open(otds);
        var cols = rows.FeatureNames.Count;
        Column[] columns = [.. rows.FeatureNames.Select(n => (Column)new Column<float>(n)), new Column<double>(Label)];
        using var file = new ParquetFileWriter(parquet, columns);
        var features = Enumerable.Range(0, cols).Select(_ => new float[RowGroupRows]).ToArray();
        var labels = new double[RowGroupRows];
        var row = new float[cols];
        var count = 0;
        while (rows.ReadRowAsync(row, CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            for (var j = 0; j < cols; j++)
            {
                features[j][count] = row[j];
            }

            labels[count++] = rows.CurrentLabel;
            if (count == RowGroupRows)
            {
                WriteGroup(file, features, labels, count);
                count = 0;
            }
        }

        if (count > 0)
        {
            WriteGroup(file, features, labels, count);
        }

        file.Close();
    }

    private static void WriteGroup(ParquetFileWriter file, float[][] features, double[] labels, int count)
    {
        using var group = file.AppendRowGroup();
        foreach (var column in features)
        {
            using var writer = group.NextColumn().LogicalWriter<float>();
            writer.WriteBatch(column, 0, count);
        }

        using var labelWriter = group.NextColumn().LogicalWriter<double>();
        labelWriter.WriteBatch(labels, 0, count);
    }
}
