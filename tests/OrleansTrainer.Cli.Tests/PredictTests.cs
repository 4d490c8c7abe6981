using System.Globalization;
using System.Text.Json;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Cli.Infrastructure;
using OrleansTrainer.Client;

namespace OrleansTrainer.Cli.Tests;

/// <summary><c>otrain predict</c> with exported models, no cluster: the columns of each model kind, ids, LIBSVM input.</summary>
public sealed class PredictTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("otrain-predict-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Logistic_regression_writes_the_class_and_both_probabilities_after_the_id()
    {
        var model = new LinearModel(ModelKind.LogisticRegression, ["a", "b"], [1.5, -2.0 / 3], [0.1]);
        var input = await WriteAsync("rows.csv", "id,b,ignored,a\nfirst,1,x,2\nsecond,3,y,-1\n");

        var (run, lines) = await PredictAsync(model, input, "--id", "id");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("id,class,p_0,p_1", lines[0]);
        double[][] rows = [[2, 1], [-1, 3]];
        for (var i = 0; i < rows.Length; i++)
        {
            var p = model.Predict(rows[i]);
            Assert.Equal($"{(i == 0 ? "first" : "second")},{(p >= 0.5 ? 1 : 0)},{R(1 - p)},{R(p)}", lines[i + 1]);
        }
    }

    [Fact]
    public async Task Softmax_regression_writes_one_probability_per_class()
    {
        var model = new LinearModel(ModelKind.SoftmaxRegression, ["a"], [1, 0, -1], [0, 0.5, 0]);
        var input = await WriteAsync("rows.csv", "a\n3\n-3\n0\n");

        var (run, lines) = await PredictAsync(model, input);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal("class,p_0,p_1,p_2", lines[0]);
        Assert.Equal(["0", "2", "1"], lines.Skip(1).Select(l => l.Split(',')[0]));
        var probabilities = new double[3];
        model.ClassProbabilities([-3.0], probabilities);
        Assert.Equal($"2,{string.Join(',', probabilities.Select(R))}", lines[2]);
    }

    [Fact]
    public async Task The_svm_writes_the_class_and_the_decision_value_and_regression_the_prediction()
    {
        var svm = new LinearModel(ModelKind.LinearSvm, ["a"], [2], [-1]);
        var poisson = new LinearModel(ModelKind.PoissonRegression, ["a"], [0.25], [1]);
        var input = await WriteAsync("rows.csv", "a\n0.5\n0.25\n");

        var (svmRun, svmLines) = await PredictAsync(svm, input);
        var (poissonRun, poissonLines) = await PredictAsync(poisson, input);

        Assert.True(svmRun.ExitCode == ExitCodes.Success, svmRun.ToString());
        Assert.Equal(["class,decision", "1,0", "0,-0.5"], svmLines);
        Assert.True(poissonRun.ExitCode == ExitCodes.Success, poissonRun.ToString());
        Assert.Equal(["prediction", R(Math.Exp(1.125)), R(Math.Exp(1.0625))], poissonLines);
    }

    [Fact]
    public async Task A_model_of_a_sparse_dataset_predicts_from_libsvm_input()
    {
        var weights = Enumerable.Range(0, 30).Select(j => (j % 7) - 3.25).ToArray();
        var model = new LinearModel(ModelKind.LogisticRegression, [], weights, [0.5]);
        var input = await WriteAsync("rows.svm", "+1 1:0.5 30:2 # first\n-1\n\n0 qid:3 4:-1.25 12:1e-3\n");

        var (run, lines) = await PredictAsync(model, input, "--format", "libsvm", "--json");

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Equal(3, JsonDocument.Parse(run.Json).RootElement.GetProperty("rows").GetInt64());
        Assert.Equal("class,p_0,p_1", lines[0]);
        Assert.Equal(R(model.PredictSparse([0, 29], [0.5f, 2f])), lines[1].Split(',')[2]);
        Assert.Equal(R(model.PredictSparse([], [])), lines[2].Split(',')[2]);
        Assert.Equal(R(model.PredictSparse([3, 11], [-1.25f, 1e-3f])), lines[3].Split(',')[2]);
    }

    [Fact]
    public async Task Libsvm_input_beyond_the_model_and_csv_input_for_numbered_features_are_refused()
    {
        var model = new LinearModel(ModelKind.LinearRegression, [], [1, 2, 3], [0]);

        var beyond = await PredictAsync(model, await WriteAsync("rows.svm", "1 1:1\n2 4:1\n"), "--format", "libsvm");
        var csv = await PredictAsync(model, await WriteAsync("rows.csv", "a,b,c\n1,2,3\n"));

        Assert.Equal(ExitCodes.Failure, beyond.Run.ExitCode);
        Assert.Contains("rows.svm line 2, column 3: index 4 is beyond the dimension 3", beyond.Run.Error);
        Assert.Equal(ExitCodes.Failure, csv.Run.ExitCode);
        Assert.Contains("features are numbered", csv.Run.Error);
        Assert.Contains("--format libsvm", csv.Run.Error);
    }

    [Fact]
    public async Task A_missing_id_column_and_a_bad_cell_are_named()
    {
        var model = new LinearModel(ModelKind.LinearRegression, ["a"], [1], [0]);

        var noId = await PredictAsync(model, await WriteAsync("rows.csv", "a\n1\n"), "--id", "key");
        var badCell = await PredictAsync(model, await WriteAsync("bad.csv", "a\n1\nx\n"));

        Assert.Equal(ExitCodes.Failure, noId.Run.ExitCode);
        Assert.Contains("rows.csv: the header has no column key, the --id column", noId.Run.Error);
        Assert.Equal(ExitCodes.Failure, badCell.Run.ExitCode);
        Assert.Contains("bad.csv: line 3, column \"a\": cannot parse \"x\" as a number", badCell.Run.Error);
        Assert.Empty(badCell.Lines);
    }

    /// <summary>An existing output is kept unless --force, and a run that fails part-way leaves it as it was and nothing else beside it.</summary>
    [Fact]
    public async Task An_existing_output_is_replaced_only_with_force_and_only_by_a_run_that_finishes()
    {
        var modelFile = Path.Combine(_work, "model-a.json");
        await new LinearModel(ModelKind.LinearRegression, ["a"], [2], [0]).SaveAsync(modelFile);
        var output = await WriteAsync("kept.csv", "prediction\n42\n");
        string[] Predict(string input, params string[] options) => ["predict", "--model", modelFile, "--input", input, "--out", output, .. options];

        var refused = await Otrain.RunAsync(Predict(await WriteAsync("good.csv", "a\n1\n2\n")));
        Assert.Equal(ExitCodes.Failure, refused.ExitCode);
        Assert.Contains($"{output} exists; pass --force to overwrite it", refused.Error);
        var failed = await Otrain.RunAsync(Predict(await WriteAsync("half-bad.csv", "a\n1\nx\n"), "--force"));
        Assert.Equal(ExitCodes.Failure, failed.ExitCode);
        Assert.Equal("prediction\n42\n", await File.ReadAllTextAsync(output));
        Assert.Empty(Directory.GetFiles(_work, "*.partial"));

        var replaced = await Otrain.RunAsync(Predict(Path.Combine(_work, "good.csv"), "--force"));
        Assert.True(replaced.ExitCode == ExitCodes.Success, replaced.ToString());
        Assert.Equal(["prediction", "2", "4"], await File.ReadAllLinesAsync(output));
        var device = await Otrain.RunAsync("predict", "--model", modelFile, "--input", Path.Combine(_work, "good.csv"), "--out", "/dev/null");
        Assert.True(device.ExitCode == ExitCodes.Success, device.ToString());
        Assert.Equal(ExitCodes.NotFound, (await Otrain.RunAsync(Predict(Path.Combine(_work, "good.csv"))[..^1].Append(Path.Combine(_work, "no-such-folder", "out.csv")).ToArray())).ExitCode);
    }

    [Fact]
    public async Task Raw_rows_in_the_dialects_upload_reads_predict_as_the_model_encodes_them()
    {
        var encoding = new DatasetEncoding
        {
            Columns =
            [
                new ColumnEncoding { Column = "color", Kind = ColumnEncodingKind.OneHot, Categories = ["red", "green"], HasOtherBucket = true, Missing = MissingValuePolicy.Constant },
                new ColumnEncoding { Column = "x", Missing = MissingValuePolicy.Mean, Fill = 1.5, MissingIndicator = true },
            ],
        };
        var model = new LinearModel(ModelKind.LinearRegression, encoding.FeatureNames(), [1, -2, 4, 0.5, 8], [0.25], encoding: encoding);
        (string Id, string Color, string X)[] rows = [("a;1", "red", "2.5"), ("b", "mauve", ""), ("c|d", "green", "-1e-2"), ("e", "", "3")];
        var semicolons = await WriteAsync("semicolons.csv", string.Join('\n', rows.Select(r => $"\"{r.Id}\";{r.Color};{r.X}").Prepend("id;color;x")));
        var tabs = await WriteAsync("tabs.tsv", string.Join('\n', rows.Select(r => $"0\t'{r.Id}'\t{r.X}\t{r.Color}").Prepend("ignored\tid\tx\tcolor")));

        var (semicolonRun, semicolonLines) = await PredictAsync(model, semicolons, "--id", "id", "--delimiter", ";");
        var (tabRun, tabLines) = await PredictAsync(model, tabs, "--id", "id", "--delimiter", "tab", "--quote", "'");
        var (commaRun, _) = await PredictAsync(model, semicolons, "--id", "id");

        Assert.True(semicolonRun.ExitCode == ExitCodes.Success, semicolonRun.ToString());
        Assert.True(tabRun.ExitCode == ExitCodes.Success, tabRun.ToString());
        string[] expected = ["id,prediction", .. rows.Select(r => $"{r.Id},{R(model.Predict(new Dictionary<string, string> { ["color"] = r.Color, ["x"] = r.X }))}")];
        Assert.Equal(expected, semicolonLines);
        Assert.Equal(expected, tabLines);
        Assert.Equal($"b,{R(0.25 + 4 + (0.5 * 1.5) + 8)}", semicolonLines[2]);
        Assert.Equal(ExitCodes.Failure, commaRun.ExitCode);
        Assert.Contains("semicolons.csv: the header has no column color", commaRun.Error);
    }

    [Theory]
    [InlineData("--delimiter", ":", "--delimiter must be ',', ';', '\\t' (or tab) or '|', not ':'")]
    [InlineData("--quote", "ab", "--quote must be one character, not 'ab'")]
    [InlineData("--quote", ",", "--quote: The quote character cannot be ','")]
    public async Task A_bad_dialect_is_a_usage_error_naming_the_option(string option, string value, string expected)
    {
        var model = new LinearModel(ModelKind.LinearRegression, ["a"], [1], [0]);

        var (run, _) = await PredictAsync(model, await WriteAsync("rows.csv", "a\n1\n"), option, value);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(expected, run.Error);
    }

    [Fact]
    public async Task A_model_file_that_does_not_load_is_named_with_its_fault()
    {
        var file = await WriteAsync("model.json", """{"format":"otrain-linear-model/2","kind":"LinearRegression","weights":[[1]],"intercepts":[0]}""");
        var input = await WriteAsync("rows.csv", "a\n1\n");

        var run = await Otrain.RunAsync("predict", "--model", file, "--input", input, "--out", Path.Combine(_work, "out.csv"));

        Assert.Equal(ExitCodes.Failure, run.ExitCode);
        Assert.Contains($"{file}: The model file has neither \"features\" nor \"featureCount\"", run.Error);
    }

    private async Task<(Otrain.Run Run, string[] Lines)> PredictAsync(LinearModel model, string input, params string[] options)
    {
        var modelFile = Path.Combine(_work, $"model-{Guid.NewGuid():N}.json");
        await model.SaveAsync(modelFile);
        var output = Path.Combine(_work, $"out-{Guid.NewGuid():N}.csv");
        var run = await Otrain.RunAsync(["predict", "--model", modelFile, "--input", input, "--out", output, .. options]);
        return (run, File.Exists(output) ? await File.ReadAllLinesAsync(output) : []);
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_work, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    private static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
