using System.Text.Json;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.LocalCluster;
using ParquetSharp;

namespace OrleansTrainer.Cli.Tests;

/// <summary><c>otrain dataset upload --format parquet</c> against a real cluster: a redis-server and two silo processes.</summary>
public sealed class ParquetUploadTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("otrain-parquet-").FullName;
    private LocalTrainerCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalTrainerCluster.StartAsync(silos: 2);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task A_parquet_file_uploads_with_its_label_and_weight_and_a_string_column_is_refused_naming_it()
    {
        var file = Path.Combine(_work, "rows.parquet");
        using (var writer = new ParquetFileWriter(file, [new Column<int>("a"), new Column<double>("b"), new Column<string>("city"), new Column<double>("y"), new Column<double>("w")]))
        {
            foreach (var first in new[] { 0, 150 })
            {
                using var group = writer.AppendRowGroup();
                var rows = Enumerable.Range(first, 150).ToArray();
                Write(group, rows);
                Write(group, [.. rows.Select(i => i * 0.25)]);
                Write(group, [.. rows.Select(i => i % 2 == 0 ? "Oslo" : "Lima")]);
                Write(group, [.. rows.Select(i => 2.0 * i + 1)]);
                Write(group, [.. rows.Select(i => 1.0 + i % 2)]);
            }

            writer.Close();
        }

        var refused = await RunAsync("dataset", "upload", file, "--name", "pq", "--format", "parquet", "--label", "y");
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Contains("rows.parquet: column \"city\": a string column is read only as categories: name it categorical (otrain: --categorical city)", refused.Error);

        var noLabel = await RunAsync("dataset", "upload", file, "--name", "pq", "--format", "parquet");
        Assert.Equal(ExitCodes.Usage, noLabel.ExitCode);

        // A file without the string column: the upload names the label and the weight; the rest are features.
        var numeric = Path.Combine(_work, "numeric.parquet");
        using (var writer = new ParquetFileWriter(numeric, [new Column<int>("a"), new Column<double>("b"), new Column<double>("y"), new Column<double>("w")]))
        {
            using var group = writer.AppendRowGroup();
            var rows = Enumerable.Range(0, 300).ToArray();
            Write(group, rows);
            Write(group, [.. rows.Select(i => i * 0.25)]);
            Write(group, [.. rows.Select(i => 2.0 * i + 1)]);
            Write(group, [.. rows.Select(i => 1.0 + i % 2)]);
            writer.Close();
        }

        var upload = await RunAsync("dataset", "upload", numeric, "--name", "pq", "--shards", "2", "--format", "parquet", "--label", "y", "--weight", "w", "--json");
        Assert.True(upload.ExitCode == ExitCodes.Success, upload.ToString());
        var dataset = JsonDocument.Parse(upload.Json).RootElement;
        Assert.Equal(300, dataset.GetProperty("rows").GetInt64());
        Assert.Equal(2, dataset.GetProperty("featureCount").GetInt32());
        Assert.Equal("w", dataset.GetProperty("weight").GetString());
    }

    private static void Write<T>(RowGroupWriter group, T[] values)
    {
        using var writer = group.NextColumn().LogicalWriter<T>();
        writer.WriteBatch(values);
    }

    private Task<Otrain.Run> RunAsync(params string[] args) =>
        Otrain.RunAsync([.. args, "--cluster", _cluster.Redis.ConnectionString, "--cluster-id", _cluster.ClusterId, "--service-id", _cluster.ServiceId]);
}
