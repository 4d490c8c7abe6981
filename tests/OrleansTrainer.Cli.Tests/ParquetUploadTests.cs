using System.Globalization;
using System.Text.Json;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;
using ParquetSharp;

namespace OrleansTrainer.Cli.Tests;

/// <summary><c>otrain dataset upload --format parquet</c> against a real cluster: a redis-server and two silo processes.</summary>
public sealed class ParquetUploadTests : ClusterCliTest
{
    private static readonly string[] Colors = ["red", "green", "blue", "teal"];

    [Fact]
    public async Task A_parquet_file_uploads_with_its_label_and_weight_and_a_string_column_is_refused_naming_it()
    {
        var file = Path.Combine(Work, "rows.parquet");
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
        var numeric = Path.Combine(Work, "numeric.parquet");
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

    [Fact]
    public async Task A_categorical_string_column_and_nulls_train_as_rows_encoded_by_hand_and_raw_rows_predict_from_the_exported_model()
    {
        var random = new Random(14);
        var rows = Enumerable.Range(0, 300).Select(i => (Id: i, Color: i % 11 == 5 ? null : Colors[random.Next(Colors.Length)],
            X: i % 7 == 3 ? (double?)null : Math.Round(random.NextDouble() * 4, 3))).ToArray();
        double Label((int Id, string? Color, double? X) r) => Array.IndexOf(Colors, r.Color) * 1.5 + 0.75 * (r.X ?? 1);
        static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var file = Path.Combine(Work, "colors.parquet");
        using (var writer = new ParquetFileWriter(file, [new Column<int>("id"), new Column<string>("color"), new Column<double?>("x"), new Column<double>("y")]))
        {
            foreach (var group in rows.Chunk(150))
            {
                using var rowGroup = writer.AppendRowGroup();
                Write(rowGroup, [.. group.Select(r => r.Id)]);
                Write(rowGroup, [.. group.Select(r => r.Color)]);
                Write(rowGroup, [.. group.Select(r => r.X)]);
                Write(rowGroup, [.. group.Select(Label)]);
            }

            writer.Close();
        }

        var upload = await RunAsync("dataset", "upload", file, "--name", "colors", "--shards", "3", "--format", "parquet", "--label", "y", "--ignore", "id",
            "--categorical", "color", "--missing", "constant:2", "--missing-indicator", "--float64");
        Assert.True(upload.ExitCode == ExitCodes.Success, upload.ToString());
        Assert.Contains("300 rows × 7 features", upload.Output);

        // The same rows encoded by hand: one 0/1 column per category (a null is the category <missing>), x with 2 for a null, and its indicator.
        await using var client = await TrainerClient.ConnectAsync(Cluster.ClientOptions);
        var order = (await client.GetDatasetAsync("colors")).Schema.Encoding!.Columns[0].Categories;
        Assert.Equal(Colors.Append(ColumnEncoding.MissingCategory).Order(), order.Order());
        double[] ByHand((int Id, string? Color, double? X) r) => [.. order.Select(c => c == (r.Color ?? ColumnEncoding.MissingCategory) ? 1.0 : 0), r.X ?? 2, r.X is null ? 1 : 0];
        var byHand = Path.Combine(Work, "by-hand.csv");
        await File.WriteAllLinesAsync(byHand, rows.Select(r => string.Join(',', [.. ByHand(r).Select(R), R(Label(r))]))
            .Prepend(string.Join(',', [.. order.Select(c => $"color={c}"), "x", "x=<missing>", "y"])));
        var uploadByHand = await RunAsync("dataset", "upload", byHand, "--name", "by-hand", "--shards", "3", "--label", "y", "--float64");
        Assert.True(uploadByHand.ExitCode == ExitCodes.Success, uploadByHand.ToString());

        foreach (var (dataset, job) in new[] { ("colors", "colors-ridge"), ("by-hand", "by-hand-ridge") })
        {
            var train = await RunAsync("train", "--dataset", dataset, "--name", job, "--solver", "normal", "--l2", "0.01", "--watch");
            Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        }

        var model = await client.GetModelAsync("colors-ridge");
        var reference = await client.GetModelAsync("by-hand-ridge");
        Assert.Equal(reference.Weights.ToArray(), model.Weights.ToArray());
        Assert.Equal(reference.Intercept, model.Intercept);

        // Raw rows, a null as an empty cell, predict from the exported model as the hand-encoded model predicts its rows.
        var modelFile = Path.Combine(Work, "colors.json");
        Assert.Equal(ExitCodes.Success, (await RunAsync("model", "export", "colors-ridge", "--out", modelFile)).ExitCode);
        var input = Path.Combine(Work, "input.csv");
        await File.WriteAllLinesAsync(input, rows.Select(r => $"{r.Id},{r.Color},{(r.X is { } x ? R(x) : "")}").Prepend("id,color,x"));
        var predictions = Path.Combine(Work, "predictions.csv");
        var predict = await Otrain.RunAsync("predict", "--model", modelFile, "--input", input, "--out", predictions, "--id", "id");
        Assert.True(predict.ExitCode == ExitCodes.Success, predict.ToString());
        Assert.Equal(["id,prediction", .. rows.Select(r => $"{r.Id},{R(reference.Predict(ByHand(r)))}")], File.ReadAllLines(predictions));
    }

    private static void Write<T>(RowGroupWriter group, T[] values)
    {
        using var writer = group.NextColumn().LogicalWriter<T>();
        writer.WriteBatch(values);
    }
}
