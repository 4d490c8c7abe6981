using System.Text.Json;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.Cli.Tests;

/// <summary>
/// <c>otrain dataset</c> against two silo processes: files that are not data are refused with file and line (exit 1),
/// blank lines between rows are skipped only when asked and then reported, and a dataset a running job uses is deleted
/// only with <c>--force</c>, which cancels the job.
/// </summary>
public sealed class DatasetCliTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("otrain-datasets-").FullName;
    private LocalTrainerCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await LocalTrainerCluster.StartAsync(silos: 2);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Bad_files_name_their_line_blank_lines_are_skipped_on_request_and_a_dataset_in_use_is_deleted_only_by_force()
    {
        var labelOnly = Write("label-only.csv", "y\n1\n2\n");
        var blank = Write("blank.csv", "x,y\n" + string.Concat(Enumerable.Range(0, 200).Select(i => i == 120 ? "\n" : $"{i},{i % 7}\n")));

        var refusedLabelOnly = await RunAsync("dataset", "upload", labelOnly, "--name", "label-only", "--label", "y");
        var refusedBlank = await RunAsync("dataset", "upload", blank, "--name", "blank", "--label", "y", "--shards", "2");
        var refusedBlankBySilos = await RunAsync("dataset", "ingest", blank, "--name", "blank", "--label", "y", "--shards", "2", "--parts", "3");
        var skipped = await RunAsync("dataset", "upload", blank, "--name", "blank", "--label", "y", "--shards", "2", "--skip-blank-lines");
        var shown = await RunAsync("dataset", "show", "blank", "--json");

        Assert.True(refusedLabelOnly.ExitCode == ExitCodes.Failure, refusedLabelOnly.ToString());
        Assert.Contains("label-only.csv: line 1: no feature column", refusedLabelOnly.Error);
        Assert.True(refusedBlank.ExitCode == ExitCodes.Failure, refusedBlank.ToString());
        Assert.Contains("blank.csv: line 122: blank line between records", refusedBlank.Error);
        Assert.True(refusedBlankBySilos.ExitCode == ExitCodes.Failure, refusedBlankBySilos.ToString());
        Assert.Contains("blank.csv: line 122: blank line between records", refusedBlankBySilos.Error);
        Assert.DoesNotContain("   at ", refusedBlank.Error + refusedBlankBySilos.Error + refusedLabelOnly.Error);
        Assert.True(skipped.ExitCode == ExitCodes.Success, skipped.ToString());
        Assert.Contains("skipped 1 blank lines between rows", skipped.Output);
        Assert.Equal(1, JsonDocument.Parse(shown.Json).RootElement.GetProperty("skippedBlankLines").GetInt64());

        var train = await RunAsync("train", "--dataset", "blank", "--name", "endless", "--max-rounds", "1000000", "--tolerance", "0");
        Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        var refusedDelete = await RunAsync("dataset", "delete", "blank");
        var forced = await RunAsync("dataset", "delete", "blank", "--force", "--json");
        var job = await RunAsync("job", "show", "endless", "--json");

        Assert.True(refusedDelete.ExitCode == ExitCodes.Failure, refusedDelete.ToString());
        Assert.Contains("Dataset \"blank\" is used by job \"endless\"", refusedDelete.Error);
        Assert.True(forced.ExitCode == ExitCodes.Success, forced.ToString());
        var deleted = JsonDocument.Parse(forced.Json).RootElement;
        Assert.Equal("blank", deleted.GetProperty("deleted").GetString());
        Assert.Equal(["endless"], deleted.GetProperty("cancelledJobs").EnumerateArray().Select(j => j.GetString()));
        var cancelled = JsonDocument.Parse(job.Json).RootElement.GetProperty("job");
        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        var last = cancelled.GetProperty("history").EnumerateArray().Last();
        Assert.Equal("Cancelled", last.GetProperty("kind").GetString());
        Assert.EndsWith("its dataset \"blank\" was deleted (forced)", last.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, text);
        return path;
    }

    private Task<Otrain.Run> RunAsync(params string[] args) =>
        Otrain.RunAsync([.. args, "--cluster", _cluster.Redis.ConnectionString, "--cluster-id", _cluster.ClusterId, "--service-id", _cluster.ServiceId]);
}
