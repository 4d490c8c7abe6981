using OrleansTrainer.Ingest;
using ParquetSharp;
using static OrleansTrainer.Client.Tests.Ingest.Sources.ParquetTestFile;

namespace OrleansTrainer.Client.Tests.Ingest.Sources;

/// <summary>The Parquet source on files written by Apache's C++ writer (ParquetSharp).</summary>
public sealed class ParquetRowReaderTests : IDisposable
{
    private readonly string _path = NewPath();

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Every_numeric_type_and_booleans_are_read_across_dictionary_encoded_row_groups()
    {
        Column[] columns =
        [
            new Column<int>("i32"), new Column<long>("i64"), new Column<float>("f32"), new Column<double?>("f64"),
            new Column<decimal>("dec", LogicalType.Decimal(precision: 9, scale: 2)), new Column<bool>("flag"), new Column<double>("y"),
        ];
        Write(_path, columns, Group(0, 3), Group(3, 3), Group(6, 2));

        Assert.Equal(3, Encodings(_path, 0).Count);
        Assert.All(Encodings(_path, 0), e => Assert.Contains(Encoding.RleDictionary, e));
        await using var reader = await ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y" });
        Assert.Equal(["i32", "i64", "f32", "f64", "dec", "flag"], reader.FeatureNames);
        var features = new double[6];
        for (var i = 0; i < 8; i++)
        {
            Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
            Assert.Equal([i % 2, 1L << 40, 0.5 * (i % 3), i % 2 == 0 ? 1.25 : -2, (double)(i % 2 == 0 ? 10.05m : 3m), i % 2], features);
            Assert.Equal(i, reader.CurrentLabel);
        }

        Assert.False(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.Equal(8, reader.RowsRead);

        static Action<RowGroupWriter> Group(int first, int rows) => group =>
        {
            var range = Enumerable.Range(first, rows).ToArray();
            Column(group, [.. range.Select(i => i % 2)]);
            Column(group, [.. range.Select(_ => 1L << 40)]);
            Column(group, [.. range.Select(i => 0.5f * (i % 3))]);
            Column(group, [.. range.Select(i => (double?)(i % 2 == 0 ? 1.25 : -2))]);
            Column(group, [.. range.Select(i => i % 2 == 0 ? 10.05m : 3m)]);
            Column(group, [.. range.Select(i => i % 2 == 1)]);
            Column(group, [.. range.Select(i => (double)i)]);
        };
    }

    [Fact]
    public async Task A_null_is_refused_naming_the_file_the_row_group_the_row_and_the_column()
    {
        Write(_path, [new Column<double?>("x"), new Column<double>("y")],
            g => { Column<double?>(g, 1, 2); Column(g, 0.0, 1); },
            g => { Column<double?>(g, 3, null); Column(g, 0.0, 1); });
        await using var reader = await ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y" });
        var features = new float[1];
        for (var row = 1; row <= 3; row++)
        {
            Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
            Assert.Equal(row, features[0]);
        }

        var error = await Assert.ThrowsAsync<DataSourceException>(async () => await reader.ReadRowAsync(features, CancellationToken.None));

        Assert.Equal($"{Path.GetFileName(_path)}: row group 2, row 4, column \"x\": NULL; missing values are refused: choose a missing-value policy (otrain: --missing mean or constant:VALUE)", error.Message);
    }

    [Fact]
    public async Task String_and_timestamp_columns_are_refused_when_the_file_is_opened()
    {
        Write(_path, [new Column<double>("x"), new Column<string>("city"), new Column<DateTime>("at"), new Column<double>("y")],
            g => { Column(g, 1.0); Column(g, "Oslo"); Column(g, DateTime.UnixEpoch); Column(g, 0.0); });

        var text = await Assert.ThrowsAsync<DataSourceException>(() => ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y" }));
        var time = await Assert.ThrowsAsync<DataSourceException>(() =>
            ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y", FeatureColumns = ["x", "at"] }));

        Assert.Equal($"{Path.GetFileName(_path)}: column \"city\": a string column is read only as categories: name it categorical (otrain: --categorical city) or hashed (--hash-categorical city:BITS), or leave it out (--ignore city)", text.Message);
        Assert.Equal($"{Path.GetFileName(_path)}: column \"at\": Parquet type DateTime is not numeric or boolean", time.Message);
    }

    [Fact]
    public async Task A_truncated_file_is_refused_as_unreadable()
    {
        Write(_path, [new Column<double>("x"), new Column<double>("y")], g => { Column(g, 1.0, 2); Column(g, 0.0, 1); });
        var bytes = await File.ReadAllBytesAsync(_path);
        await File.WriteAllBytesAsync(_path, bytes[..(bytes.Length / 2)]);

        var error = await Assert.ThrowsAsync<DataSourceException>(() => ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y" }));

        Assert.StartsWith($"{Path.GetFileName(_path)}: not a readable Parquet file: ", error.Message);
    }

    [Fact]
    public async Task Row_groups_stream_so_a_damaged_later_row_group_fails_only_when_reached()
    {
        Write(_path, [new Column<double>("x"), new Column<double>("y")],
            g => { Column(g, 1.0, 2); Column(g, 0.0, 1); },
            g => { Column(g, 3.0, 4); Column(g, 0.0, 1); });
        await using (var file = new FileStream(_path, FileMode.Open, FileAccess.Write))
        {
            file.Position = RowGroupOffset(_path, rowGroup: 1);
            file.Write(Enumerable.Repeat((byte)0xFF, 16).ToArray());
        }

        await using var reader = await ParquetRowReader.OpenAsync(_path, new TableIngestOptions { LabelColumn = "y" });
        var features = new double[1];
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
        Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));

        var error = await Assert.ThrowsAsync<DataSourceException>(async () => await reader.ReadRowAsync(features, CancellationToken.None));

        Assert.StartsWith($"{Path.GetFileName(_path)}: row group 2, column \"x\": cannot read the column: ", error.Message);
    }
}
