using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using ParquetSharp;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// The same rows through every source (CSV, an SQLite query, typed .NET rows, a Parquet file written by Apache's C++
/// writer) make the same dataset: a model trained on each has the same coefficients, bit for bit.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class SourceEquivalenceTests(TrainerClusterFixture fixture) : IDisposable
{
    private const int Rows = 900;
    private readonly string _parquet = Path.Combine(Path.GetTempPath(), $"otrain-{Guid.NewGuid():N}.parquet");
    private readonly Row[] _rows = MakeRows();

    /// <summary>One row: features float32-exact (so CSV's direct float32 parse and a float64 source's rounding agree), a float64 label and weight.</summary>
    private sealed record Row(int Age, float Bmi, float Pressure, bool Smoker, double Y, double W);

    public void Dispose() => File.Delete(_parquet);

    [Fact]
    public async Task Csv_sqlite_typed_rows_and_parquet_give_bit_identical_coefficients()
    {
        var coefficients = new Dictionary<string, double[]>
        {
            ["csv"] = await TrainAsync(name => fixture.Client.CreateDatasetFromCsvAsync(name, new StringReader(Csv()), "rows.csv",
                new CsvIngestOptions { LabelColumn = "y", WeightColumn = "w", ShardCount = 3, ChunkBytes = 1024 })),
            ["sqlite"] = await TrainAsync(async name =>
            {
                await using var db = await SqliteAsync();
                await using var query = db.CreateCommand();
                query.CommandText = "SELECT age, bmi, pressure, smoker, y, w FROM rows ORDER BY id";
                return await fixture.Client.CreateDatasetFromQueryAsync(name, query, Options());
            }),
            ["typed"] = await TrainAsync(name => fixture.Client.CreateDatasetAsync(name, Typed(), new RowMapping<Row>("y", r => r.Y, "w", r => r.W)
            {
                { "age", r => r.Age }, { "bmi", r => r.Bmi }, { "pressure", r => r.Pressure }, { "smoker", r => r.Smoker ? 1 : 0 },
            }, new MissingValueIngestOptions { ShardCount = 3, ChunkBytes = 1024 })),
            ["parquet"] = await TrainAsync(name =>
            {
                WriteParquet(nullAt: null);
                return fixture.Client.CreateDatasetFromParquetAsync(name, _parquet, Options());
            }),
        };

        Assert.All(coefficients.Values, c => Assert.Equal(coefficients["csv"], c));
        Assert.Equal(5, coefficients["csv"].Length);
    }

    [Fact]
    public async Task A_null_in_a_later_row_group_after_stored_chunks_leaves_nothing_behind()
    {
        WriteParquet(nullAt: 800);
        var dataset = Training.UniqueName("parquet-null");

        var error = await Assert.ThrowsAsync<DataSourceException>(() => fixture.Client.CreateDatasetFromParquetAsync(dataset, _parquet, Options()));

        Assert.Equal((4, 801L, "bmi"), (error.RowGroup!.Value, error.Row!.Value, error.ColumnName!));
        await AssertNothingStoredAsync(dataset);
    }

    [Fact]
    public async Task A_truncated_parquet_file_is_refused_and_leaves_nothing_behind()
    {
        WriteParquet(nullAt: null);
        var bytes = await File.ReadAllBytesAsync(_parquet);
        await File.WriteAllBytesAsync(_parquet, bytes[..(bytes.Length - 100)]);
        var dataset = Training.UniqueName("parquet-cut");

        var error = await Assert.ThrowsAsync<DataSourceException>(() => fixture.Client.CreateDatasetFromParquetAsync(dataset, _parquet, Options()));

        Assert.Contains("not a readable Parquet file", error.Message);
        await AssertNothingStoredAsync(dataset);
    }

    private static TableIngestOptions Options() => new() { LabelColumn = "y", WeightColumn = "w", ShardCount = 3, ChunkBytes = 1024 };

    private async Task<double[]> TrainAsync(Func<string, Task<DatasetInfo>> ingest)
    {
        var dataset = Training.UniqueName("source");
        var info = await ingest(dataset);
        Assert.Equal(Rows, info.TotalRows);
        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("source-lbfgs"), Dataset = dataset, Solver = SolverKind.Lbfgs, L2 = 0.01, MaxRounds = 50,
        });
        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        return Training.Coefficients(model);
    }

    private static Row[] MakeRows()
    {
        var random = new Random(14);
        return [.. Enumerable.Range(0, Rows).Select(i =>
        {
            var (age, bmi, pressure, smoker) = (20 + random.Next(60), (float)(18 + 20 * random.NextDouble()), (float)(80 + 40 * random.NextDouble()), random.Next(2) == 1);
            return new Row(age, bmi, pressure, smoker, 0.5 * age + 2 * bmi - 0.1 * pressure + (smoker ? 7 : 0) + TestData.Gaussian(random), 0.5 + i % 3);
        })];
    }

    private string Csv()
    {
        static string R(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var csv = new StringBuilder("age,bmi,pressure,smoker,y,w\n");
        foreach (var r in _rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{r.Age},{R(r.Bmi)},{R(r.Pressure)},{(r.Smoker ? 1 : 0)},{R(r.Y)},{R(r.W)}\n");
        }

        return csv.ToString();
    }

    private async Task<SqliteConnection> SqliteAsync()
    {
        var db = new SqliteConnection("Data Source=:memory:");
        await db.OpenAsync();
        await using var create = db.CreateCommand();
        create.CommandText = "CREATE TABLE rows (id INTEGER PRIMARY KEY, age INTEGER, bmi REAL, pressure REAL, smoker BOOLEAN, y REAL, w REAL)";
        await create.ExecuteNonQueryAsync();
        await using var transaction = db.BeginTransaction();
        await using var insert = db.CreateCommand();
        insert.CommandText = "INSERT INTO rows VALUES ($id, $age, $bmi, $pressure, $smoker, $y, $w)";
        string[] names = ["$id", "$age", "$bmi", "$pressure", "$smoker", "$y", "$w"];
        var parameters = names.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        for (var i = 0; i < _rows.Length; i++)
        {
            var r = _rows[i];
            object[] values = [i, r.Age, (double)r.Bmi, (double)r.Pressure, r.Smoker, r.Y, r.W];
            for (var p = 0; p < values.Length; p++)
            {
                parameters[p].Value = values[p];
            }

            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return db;
    }

    private async IAsyncEnumerable<Row> Typed()
    {
        foreach (var row in _rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    /// <summary>Writes the rows as 4 row groups (int32, float, nullable double, boolean, double, double), one bmi null at row index <paramref name="nullAt"/>.</summary>
    private void WriteParquet(int? nullAt)
    {
        Column[] columns = [new Column<int>("age"), new Column<float>("bmi"), new Column<double?>("pressure"), new Column<bool>("smoker"), new Column<double>("y"), new Column<double>("w")];
        if (nullAt is not null)
        {
            columns[1] = new Column<float?>("bmi");
        }

        using var file = new ParquetFileWriter(_parquet, columns);
        foreach (var group in _rows.Select((row, i) => (row, i)).Chunk(Rows / 4))
        {
            using var writer = file.AppendRowGroup();
            Write(writer, group.Select(g => g.row.Age));
            if (nullAt is null)
            {
                Write(writer, group.Select(g => g.row.Bmi));
            }
            else
            {
                Write(writer, group.Select(g => g.i == nullAt ? null : (float?)g.row.Bmi));
            }

            Write(writer, group.Select(g => (double?)g.row.Pressure));
            Write(writer, group.Select(g => g.row.Smoker));
            Write(writer, group.Select(g => g.row.Y));
            Write(writer, group.Select(g => g.row.W));
        }

        file.Close();
    }

    private static void Write<T>(RowGroupWriter group, IEnumerable<T> values)
    {
        using var writer = group.NextColumn().LogicalWriter<T>();
        writer.WriteBatch([.. values]);
    }

    private async Task AssertNothingStoredAsync(string dataset)
    {
        Assert.Equal(DatasetStatus.None, (await fixture.Client.GetDatasetAsync(dataset)).Status);
        Assert.Empty(fixture.KeysContaining($"/rows/{dataset}/"));
    }
}
