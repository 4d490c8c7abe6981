using System.Globalization;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Cli.Output;
using OrleansTrainer.Client;
using Spectre.Console;

namespace OrleansTrainer.Cli.Commands;

/// <summary><c>otrain dataset show NAME</c>: the schema, the encoding of each source column when one was recorded, and the rows per shard.</summary>
public sealed class DatasetShowCommand(CliIO io) : ClusterCommand<NameSettings>(io)
{
    /// <inheritdoc />
    protected override async Task<int> RunAsync(TrainerClient client, NameSettings settings, CancellationToken cancellationToken)
    {
        var info = await client.GetDatasetAsync(settings.Name, cancellationToken);
        if (info.Status == DatasetStatus.None)
        {
            throw CliException.NotFound($"dataset {settings.Name} does not exist");
        }

        var view = DatasetView.From(info);
        if (settings.Json)
        {
            JsonOutput.Write(IO, view);
            return ExitCodes.Success;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("dataset", Markup.Escape(view.Name));
        grid.AddRow("status", view.Status.ToString());
        grid.AddRow("rows", Format.Count(view.Rows));
        if (view.SkippedBlankLines > 0)
        {
            grid.AddRow("blank lines", $"{Format.Count(view.SkippedBlankLines)} skipped between rows");
        }

        grid.AddRow("label", Markup.Escape(view.Label));
        grid.AddRow("weight", Markup.Escape(view.Weight ?? "-"));
        grid.AddRow("features", Markup.Escape(view.Features.Length > 0
            ? $"{view.FeatureCount} ({view.FeatureType}): {string.Join(", ", view.Features)}"
            : $"{view.FeatureCount} ({view.FeatureType}): numbered 1..{view.FeatureCount}, as LIBSVM indices"));
        grid.AddRow("in Redis", Format.Bytes(view.StoredBytes));
        grid.AddRow("created", Format.Time(view.CreatedAt));
        IO.Console.Write(grid);
        if (view.Encoding.Length > 0)
        {
            var encoding = new Table().AddColumns("column", "encoding", "missing", "indicator", "features");
            foreach (var column in view.Encoding)
            {
                encoding.AddRow(Markup.Escape(column.Column), Markup.Escape(column.Describe()), Markup.Escape(column.DescribeMissing()),
                    Markup.Escape(column.Indicator ?? "-"), column.Features.ToString(CultureInfo.InvariantCulture));
            }

            IO.Console.Write(encoding);
        }

        var shards = new Table().AddColumns("shard", "grain key", "rows");
        for (var s = 0; s < view.ShardRows.Length; s++)
        {
            shards.AddRow(s.ToString(CultureInfo.InvariantCulture), Markup.Escape($"{view.Name}/{s}"), Format.Count(view.ShardRows[s]));
        }

        IO.Console.Write(shards);
        return ExitCodes.Success;
    }
}
