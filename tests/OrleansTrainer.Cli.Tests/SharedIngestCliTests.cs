using System.Globalization;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;

namespace OrleansTrainer.Cli.Tests;

/// <summary>
/// <c>otrain dataset ingest</c> against two silo processes: the silos read a shared file themselves and store the
/// dataset <c>dataset upload</c> stores (same rows per shard, same statistics); bad input names file and line.
/// </summary>
public sealed class SharedIngestCliTests : ClusterCliTest
{

    [Fact]
    public async Task The_silos_ingest_a_semicolon_file_into_the_dataset_an_upload_makes()
    {
        var random = new Random(5);
        var file = Path.Combine(Work, "shared.csv");
        await File.WriteAllLinesAsync(file, ["id;x1;x2;y", .. Enumerable.Range(0, 2000).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i};{random.NextDouble():R};{(i % 11 == 0 ? "" : random.NextDouble().ToString("R", CultureInfo.InvariantCulture))};{random.NextDouble() * 3:R}"))]);
        string[] csv = ["--shards", "3", "--label", "y", "--delimiter", ";", "--ignore", "id", "--missing", "mean", "--missing-indicator"];

        var ingest = await RunAsync(["dataset", "ingest", file, "--name", "by-silos", "--parts", "5", .. csv]);
        var upload = await RunAsync(["dataset", "upload", file, "--name", "by-client", .. csv]);

        Assert.True(ingest.ExitCode == ExitCodes.Success, ingest.ToString());
        Assert.True(upload.ExitCode == ExitCodes.Success, upload.ToString());
        Assert.Contains("ingested dataset by-silos", ingest.Output);
        await using var client = await TrainerClient.ConnectAsync(Cluster.ClientOptions);
        var bySilos = await client.GetDatasetAsync("by-silos");
        var byClient = await client.GetDatasetAsync("by-client");
        Assert.Equal(2000, bySilos.TotalRows);
        Assert.Equal(4, bySilos.Schema.FeatureCount);
        Assert.Equal(byClient.ShardRows, bySilos.ShardRows);
        Assert.Equal(byClient.Statistics!.FeatureMean.Bytes, bySilos.Statistics!.FeatureMean.Bytes);
        Assert.Equal(byClient.Statistics.FeatureStandardDeviation.Bytes, bySilos.Statistics.FeatureStandardDeviation.Bytes);
    }

    [Fact]
    public async Task A_bad_cell_names_file_line_and_column_and_no_dataset_is_left()
    {
        var file = Path.Combine(Work, "bad.csv");
        await File.WriteAllLinesAsync(file, ["x,y", .. Enumerable.Range(0, 500).Select(i => i == 420 ? "abc,1" : $"{i},{i % 2}")]);

        var run = await RunAsync("dataset", "ingest", file, "--name", "bad", "--label", "y", "--parts", "4");
        var list = await RunAsync("dataset", "list");

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains("bad.csv: line 422, column 1 (\"x\")", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("bad", list.Output);
    }
}
