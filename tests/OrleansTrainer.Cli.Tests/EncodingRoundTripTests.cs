using System.Globalization;
using System.Text.Json;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;

namespace OrleansTrainer.Cli.Tests;

/// <summary>Categorical columns, missing cells and a ';' dialect through otrain against a real cluster: upload, train, export, predict.</summary>
public sealed class EncodingRoundTripTests : ClusterCliTest
{
    private static readonly string[] Colors = ["red", "green", "blue", "teal"];

    [Fact]
    public async Task Raw_rows_predict_as_theCluster_model_and_one_hot_training_matches_training_on_rows_encoded_by_hand()
    {
        var random = new Random(11);
        var rows = Enumerable.Range(0, 300).Select(i => (Id: i, Color: Colors[random.Next(Colors.Length)], X: Math.Round(random.NextDouble() * 4, 3))).ToArray();
        double Label((int Id, string Color, double X) r) => Array.IndexOf(Colors, r.Color) * 1.5 + 0.75 * r.X;
        string Cell(double x, int i) => i % 7 == 3 ? "" : x.ToString("R", CultureInfo.InvariantCulture);
        var raw = Path.Combine(Work, "raw.csv");
        await File.WriteAllLinesAsync(raw, rows.Select(r => $"{r.Id};\"{r.Color}\";{Cell(r.X, r.Id)};{Label(r).ToString("R", CultureInfo.InvariantCulture)}").Prepend("id;color;x;y"));

        var upload = await RunAsync("dataset", "upload", raw, "--name", "colors", "--shards", "3", "--label", "y", "--delimiter", ";", "--ignore", "id",
            "--categorical", "color", "--missing", "constant:2", "--missing-indicator", "--float64");
        Assert.True(upload.ExitCode == ExitCodes.Success, upload.ToString());
        Assert.Contains("300 rows × 6 features", upload.Output);
        var show = await RunAsync("dataset", "show", "colors");
        var tableRows = show.Output.Split('\n').Select(l => l.Split('│').Select(c => c.Trim()).ToArray()).Where(c => c.Length == 7).Select(c => string.Join('|', c[1..^1])).ToArray();
        Assert.Equal(["column|encoding|missing|indicator|features", "color|one-hot, 4 categories|category <missing>|-|4", "x|numeric|constant 2|x=<missing>|2"], tableRows);
        var shown = JsonDocument.Parse((await RunAsync("dataset", "show", "colors", "--json")).Json).RootElement.GetProperty("encoding");
        Assert.Equal(("one-hot", 4, false, JsonValueKind.Null), (shown[0].GetProperty("kind").GetString(), shown[0].GetProperty("categories").GetInt32(),
            shown[0].GetProperty("otherBucket").GetBoolean(), shown[0].GetProperty("fill").ValueKind));
        Assert.Equal(("numeric", "constant", 2.0, "x=<missing>", 2), (shown[1].GetProperty("kind").GetString(), shown[1].GetProperty("missing").GetString(),
            shown[1].GetProperty("fill").GetDouble(), shown[1].GetProperty("indicator").GetString(), shown[1].GetProperty("features").GetInt32()));

        var byHand = Path.Combine(Work, "by-hand.csv");
        await using var client = await TrainerClient.ConnectAsync(Cluster.ClientOptions);
        var schema = (await client.GetDatasetAsync("colors")).Schema;
        var order = schema.Encoding!.Columns[0].Categories;
        await File.WriteAllLinesAsync(byHand, rows.Select(r => string.Join(',',
            [.. order.Select(c => c == r.Color ? "1" : "0"), Cell(r.X, r.Id) is "" ? "2" : Cell(r.X, r.Id), Cell(r.X, r.Id) is "" ? "1" : "0",
                Label(r).ToString("R", CultureInfo.InvariantCulture)])).Prepend(string.Join(',', [.. schema.FeatureNames, "y"])));
        var uploadByHand = await RunAsync("dataset", "upload", byHand, "--name", "by-hand", "--shards", "3", "--label", "y", "--float64");
        Assert.True(uploadByHand.ExitCode == ExitCodes.Success, uploadByHand.ToString());

        foreach (var (dataset, job) in new[] { ("colors", "colors-ridge"), ("by-hand", "by-hand-ridge") })
        {
            var train = await RunAsync("train", "--dataset", dataset, "--name", job, "--solver", "normal", "--l2", "0.01", "--watch");
            Assert.True(train.ExitCode == ExitCodes.Success, train.ToString());
        }

        var model = await client.GetModelAsync("colors-ridge");
        var reference = await client.GetModelAsync("by-hand-ridge");
        Assert.Equal(["color=" + order[0], "color=" + order[1], "color=" + order[2], "color=" + order[3], "x", "x=<missing>"], model.FeatureNames);
        Assert.Equal(reference.Weights.ToArray(), model.Weights.ToArray());
        Assert.Equal(reference.Intercept, model.Intercept);

        var modelFile = Path.Combine(Work, "colors.json");
        Assert.Equal(ExitCodes.Success, (await RunAsync("model", "export", "colors-ridge", "--out", modelFile)).ExitCode);
        var onnxFile = Path.Combine(Work, "colors.onnx");
        var onnx = await RunAsync("model", "export", "colors-ridge", "--out", onnxFile, "--format", "onnx", "--onnx-input", "columns");
        Assert.True(onnx.ExitCode == ExitCodes.Success, onnx.ToString());
        Assert.Contains("(onnx of columns)", onnx.Output);
        var onnxText = System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(onnxFile)); // ONNX Runtime runs such files in Client.Tests
        Assert.Contains("ai.onnx.ml", onnxText);
        Assert.Contains("LabelEncoder", onnxText);
        var input = Path.Combine(Work, "input.csv");
        await File.WriteAllLinesAsync(input, rows.Select(r => $"{r.Id},\"{r.Color}\",{Cell(r.X, r.Id)}").Prepend("id,color,x"));
        var predictions = Path.Combine(Work, "predictions.csv");
        var predict = await Otrain.RunAsync("predict", "--model", modelFile, "--input", input, "--out", predictions, "--id", "id");
        Assert.True(predict.ExitCode == ExitCodes.Success, predict.ToString());

        var written = File.ReadAllLines(predictions);
        Assert.Equal("id,prediction", written[0]);
        foreach (var r in rows)
        {
            var p = model.Predict(new Dictionary<string, string> { ["color"] = r.Color, ["x"] = Cell(r.X, r.Id) });
            Assert.Equal($"{r.Id},{p.ToString("R", CultureInfo.InvariantCulture)}", written[r.Id + 1]);
        }

        var unseen = Path.Combine(Work, "unseen.csv");
        await File.WriteAllLinesAsync(unseen, ["id,color,x", "1,mauve,1"]);
        var refused = await Otrain.RunAsync("predict", "--model", modelFile, "--input", unseen, "--out", Path.Combine(Work, "unseen-out.csv"));
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Contains("unseen.csv: line 2, column \"color\": unknown category \"mauve\": not seen in training, and the column has no <other> bucket", refused.Error);
    }

    [Fact]
    public async Task A_wrong_label_with_the_progress_bar_on_reports_the_real_error_every_time_and_leaves_no_dataset()
    {
        var file = Path.Combine(Work, "semicolons.csv");
        await File.WriteAllLinesAsync(file, ["price;size", .. Enumerable.Range(0, 20000).Select(i => $"{i};{i % 13}")]);

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var run = await RunAsync("dataset", "upload", file, "--name", "prices", "--label", "pric", "--delimiter", ";");
            Assert.Equal(ExitCodes.Failure, run.ExitCode);
            Assert.Contains("semicolons.csv: line 1: no label column \"pric\"; did you mean \"price\"?", run.Error);
            Assert.DoesNotContain("closed file", run.Error);
        }

        var decimalComma = Path.Combine(Work, "comma.csv");
        await File.WriteAllLinesAsync(decimalComma, ["x;y", "1.5;2", "3,5;4"]);
        var refused = await RunAsync("dataset", "upload", decimalComma, "--name", "comma", "--label", "y", "--delimiter", ";");
        Assert.Contains("comma.csv: line 3, column 1 (\"x\"): \"3,5\": decimal commas are not read; use '.'", refused.Error);
        var list = await RunAsync("dataset", "list");
        Assert.DoesNotContain("prices", list.Output);
        Assert.DoesNotContain("comma", list.Output);

        var badMissing = await RunAsync("dataset", "upload", decimalComma, "--name", "comma", "--label", "y", "--missing", "median");
        Assert.Equal(ExitCodes.Usage, badMissing.ExitCode);
        Assert.Contains("--missing must be refuse, mean or constant:VALUE", badMissing.Error);
    }
}
