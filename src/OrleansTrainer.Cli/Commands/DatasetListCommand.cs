using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain dataset list</c>.</summary>
public sealed class DatasetListCommand(CliIO io) : ClusterCommand<ClusterSettings>(io)
{
    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, ClusterSettings settings, CancellationToken cancellationToken)
    {
        var datasets = (await client.ListDatasetsAsync(cancellationToken)).Select(DatasetView.From).ToArray();
        if (settings.Json)
        {
            JsonOutput.Write(IO, datasets);
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("name", "status", "rows", "features", "label", "shards", "in Redis", "created");
        foreach (var d in datasets)
        {
            table.AddRow(Markup.Escape(d.Name), d.Status.ToString(), Format.Count(d.Rows), d.FeatureCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Markup.Escape(d.Label), d.Shards.ToString(System.Globalization.CultureInfo.InvariantCulture), Format.Bytes(d.StoredBytes), Format.Time(d.CreatedAt));
        }

        IO.Console.Write(table);
        return ExitCodes.Success;
    }
}
