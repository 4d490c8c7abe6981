using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Client.Tests.Encoders;
using OrleansTrainer.Ingest;
using OrleansTrainer.Models;
using Xunit.Abstractions;

namespace OrleansTrainer.Client.Tests.Models;

/// <summary>
/// ONNX files that take raw source columns (<see cref="OnnxInputs.Columns"/>), run by ONNX Runtime, predict what
/// <see cref="LinearModel"/> predicts from the same raw rows: categories, unseen ones, missing cells, indicators; a row
/// <see cref="LinearModel.Encode"/> refuses predicts NaN and class −1.
/// </summary>
public sealed class OnnxColumnInputsTests(ITestOutputHelper output)
{
    /// <summary>Every path a cell can take: a category, <c>&lt;missing&gt;</c> in the vocabulary, <c>&lt;other&gt;</c>, a fill, an indicator, each kind of refusal.</summary>
    private static readonly DatasetEncoding Mixed = new()
    {
        Columns =
        [
            new ColumnEncoding
            {
                Column = "color", Kind = ColumnEncodingKind.OneHot, Categories = ["red", "green", "blue", ColumnEncoding.MissingCategory], HasOtherBucket = true,
                Missing = MissingValuePolicy.Constant,
            },
            new ColumnEncoding { Column = "x", Missing = MissingValuePolicy.Mean, Fill = 0.75, MissingIndicator = true },
            new ColumnEncoding { Column = "size", Kind = ColumnEncodingKind.OneHot, Categories = ["S", "M", "L"], Missing = MissingValuePolicy.Mean },
            new ColumnEncoding { Column = "y", Missing = MissingValuePolicy.Constant, Fill = -2 },
            new ColumnEncoding { Column = "grade", Kind = ColumnEncodingKind.OneHot, Categories = ["a", "b"], HasOtherBucket = true },
            new ColumnEncoding { Column = "z" },
        ],
    };

    /// <summary>The cells each column of <see cref="Mixed"/> draws from; null stands for a random number.</summary>
    private static readonly Dictionary<string, string?[]> Cells = new()
    {
        ["color"] = ["red", "green", "blue", "red", "", "mauve"],
        ["x"] = [null, null, null, ""],
        ["size"] = ["S", "M", "L", "S", "M", "L", "S", "M", "L", "", "XL"],
        ["y"] = [null, null, ""],
        ["grade"] = ["a", "b", "a", "b", "a", "b", "a", "b", "c", ""],
        ["z"] = [null, null, null, null, null, null, null, null, null, ""],
    };

    public static TheoryData<ModelKind> Kinds => [.. Enum.GetValues<ModelKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Raw_rows_predict_as_the_model_encodes_them_and_refused_rows_predict_nan(ModelKind kind)
    {
        var random = new Random(17);
        var outputs = ModelRegistry.Of(kind).IsMultiOutput ? 3 : 1;
        var d = Mixed.FeatureNames().Length;
        var model = new LinearModel(kind, Mixed.FeatureNames(), [.. Enumerable.Range(0, d * outputs).Select(_ => (random.NextDouble() - 0.5) * 0.6)],
            [.. Enumerable.Range(0, outputs).Select(k => 0.1 * k)], encoding: Mixed);
        var rows = Enumerable.Range(0, 500).Select(_ => Row(random)).ToList();
        var accepted = rows.Where(r => Encoded(model, r) is not null).ToList();
        var refused = rows.Where(r => Encoded(model, r) is null).ToList();
        var onnx = model.ToOnnx(OnnxInputs.Columns);

        var run = OnnxRun.OfColumns(onnx, Mixed, accepted);
        var agreement = OnnxAgreement.Measure(model, [.. accepted.Select(r => Encoded(model, r)!)], run);
        var refusedRun = OnnxRun.OfColumns(onnx, Mixed, refused);

        output.WriteLine($"{kind}: {agreement}; {refused.Count} refused rows");
        Assert.True((agreement.MarginError ?? 0) <= OnnxAgreement.Tolerance, agreement.ToString());
        Assert.True((agreement.ProbabilityError ?? 0) <= OnnxAgreement.Tolerance, agreement.ToString());
        Assert.True(agreement.ClassMismatches is null or 0, agreement.ToString());
        Assert.All(refusedRun.Floats.Values, values => Assert.All(values, v => Assert.True(float.IsNaN(v), $"{v} is not NaN")));
        Assert.All(refusedRun.Integers.Values, classes => Assert.All(classes, c => Assert.Equal(-1, c)));
        Assert.Equal("columns", run.Metadata["otrain.inputs"]);
        foreach (var (column, cell) in new[] { ("color", ""), ("color", "mauve"), ("x", ""), ("y", ""), ("grade", "c") })
        {
            Assert.Contains(accepted, r => r[column] == cell);
        }

        foreach (var (column, cell) in new[] { ("size", ""), ("size", "XL"), ("grade", ""), ("z", "") })
        {
            Assert.Contains(refused, r => r[column] == cell);
        }
    }

    [Fact]
    public async Task The_encoding_ingestion_plans_travels_with_a_fitted_model()
    {
        var random = new Random(3);
        string[] districts = ["north", "north", "north", "", "", "south", "south", "east", "west", "harbor"];
        var lines = Enumerable.Range(0, 300).Select(i =>
        {
            var district = districts[random.Next(districts.Length)];
            var age = random.Next(8) == 0 ? "" : (random.NextDouble() * 80).ToString("F1", CultureInfo.InvariantCulture);
            var rooms = random.Next(1, 7);
            var price = (rooms * 30) + (district == "north" ? 50 : 0) - (age.Length == 0 ? 0 : double.Parse(age, CultureInfo.InvariantCulture) * 0.4) + random.NextDouble();
            return $"{i},{district},{age},{rooms},{price.ToString("R", CultureInfo.InvariantCulture)}";
        }).ToList();
        var (reader, encoded, labels) = await EncodedCsv.ReadAllAsync(string.Join('\n', lines.Prepend("id,district,age,rooms,price")), new CsvIngestOptions
        {
            LabelColumn = "price", IgnoreColumns = ["id"], CategoricalColumns = ["district"], MaxCategories = 3,
            Missing = MissingValuePolicy.Mean, MissingIndicator = true,
        });
        var fitted = LocalFit.Fit(ModelKind.LinearRegression, new BundledDataset([.. reader.FeatureNames], [.. encoded], [.. labels]));
        var model = new LinearModel(ModelKind.LinearRegression, reader.FeatureNames, fitted.WeightsOf(0).ToArray(), [fitted.Intercept], encoding: reader.Encoding);
        List<IReadOnlyDictionary<string, string>> rows = [.. lines.Select(l => l.Split(',')).Append(["0", "atlantis", "", "3", "0"])
            .Select(cells => new Dictionary<string, string> { ["district"] = cells[1], ["age"] = cells[2], ["rooms"] = cells[3] })];

        var run = OnnxRun.OfColumns(model.ToOnnx(OnnxInputs.Columns), reader.Encoding, rows);

        Assert.Equal(["district=north", "district=south", "district=<missing>", "district=<other>", "age", "age=<missing>", "rooms", "rooms=<missing>"], reader.FeatureNames);
        var agreement = OnnxAgreement.Measure(model, [.. rows.Select(model.Encode)], run);
        output.WriteLine(agreement.ToString());
        Assert.True(agreement.MarginError <= OnnxAgreement.Tolerance, agreement.ToString());
        Assert.Equal(model.Predict(rows[^1]), run.Floats[OnnxNames.Prediction][^1], 1e-3);
    }

    [Fact]
    public void A_model_of_plain_numeric_columns_takes_one_float_input_per_column()
    {
        var data = BundledDataset.Diabetes;
        var model = LocalFit.Fit(ModelKind.PoissonRegression, data);
        List<IReadOnlyDictionary<string, string>> rows = [.. data.Rows.Select(r => data.FeatureNames.Zip(r).ToDictionary(p => p.First, p => p.Second.ToString("R", CultureInfo.InvariantCulture)))];

        var onnx = model.ToOnnx(OnnxInputs.Columns);
        var run = OnnxRun.OfColumns(onnx, DatasetEncoding.Numeric(data.FeatureNames), rows);

        using var session = new InferenceSession(onnx);
        Assert.Equal(data.FeatureNames, session.InputMetadata.Keys);
        Assert.All(session.InputMetadata.Values, input => Assert.Equal([-1, 1], input.Dimensions));
        var agreement = OnnxAgreement.Measure(model, data.Rows, run);
        Assert.True(agreement.RelativeError <= OnnxAgreement.Tolerance, agreement.ToString());
    }

    [Fact]
    public void A_hashed_column_is_refused_by_name_and_the_features_input_still_exports()
    {
        var encoding = new DatasetEncoding
        {
            Columns = [new ColumnEncoding { Column = "street", Kind = ColumnEncodingKind.Hashed, HashBits = 2 }, new ColumnEncoding { Column = "x" }],
        };
        var model = new LinearModel(ModelKind.LinearRegression, encoding.FeatureNames(), [1, 2, 3, 4, 5], [0.5], encoding: encoding);

        var error = Assert.Throws<NotSupportedException>(() => model.ToOnnx(OnnxInputs.Columns));
        var row = model.Encode(new Dictionary<string, string> { ["street"] = "Elm", ["x"] = "2" });
        var run = OnnxRun.Of(model.ToOnnx(), [row]);

        Assert.Contains("hashes column(s) \"street\"", error.Message);
        Assert.Contains("OnnxInputs.Features", error.Message);
        Assert.Equal(model.Predict(row), run.Floats[OnnxNames.Prediction][0], 1e-5);
        Assert.Equal("features", run.Metadata["otrain.inputs"]);
    }

    [Theory]
    [InlineData("margin", "both an input and the Add node's output named \"margin\"")]
    [InlineData("features", "both an input and the Concat node's output named \"features\"")]
    public void A_column_named_like_a_value_of_the_graph_is_refused(string column, string expected)
    {
        var model = new LinearModel(ModelKind.LogisticRegression, [column, "other"], [1, 2], [0]);

        var error = Assert.Throws<NotSupportedException>(() => model.ToOnnx(OnnxInputs.Columns));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Numbered_features_and_a_fill_beyond_float32_are_refused()
    {
        var numbered = new LinearModel(ModelKind.LinearRegression, [], [1, 2], [0]);
        var encoding = new DatasetEncoding { Columns = [new ColumnEncoding { Column = "x", Missing = MissingValuePolicy.Constant, Fill = 1e39 }] };
        var huge = new LinearModel(ModelKind.LinearRegression, encoding.FeatureNames(), [1], [0], encoding: encoding);

        Assert.Contains("features are numbered", Assert.Throws<NotSupportedException>(() => numbered.ToOnnx(OnnxInputs.Columns)).Message);
        Assert.Contains("the fill value of column \"x\" is 1E+39", Assert.Throws<NotSupportedException>(() => huge.ToOnnx(OnnxInputs.Columns)).Message);
    }

    private static Dictionary<string, string> Row(Random random) => Cells.ToDictionary(
        column => column.Key,
        column => column.Value[random.Next(column.Value.Length)] ?? Math.Round((random.NextDouble() - 0.5) * 6, 3).ToString("R", CultureInfo.InvariantCulture));

    private static double[]? Encoded(LinearModel model, IReadOnlyDictionary<string, string> row)
    {
        try
        {
            return model.Encode(row);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
