using System.Globalization;
using System.Text;
using System.Text.Json;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.IntegrationTests;

/// <summary>
/// Ingestion by the silos (a file every silo can read, split at line breaks into parts read in parallel) stores the
/// same dataset as the client's upload of the same file: the same rows per shard, hence bit-identical statistics and
/// models; bad input fails with the file, line and column, and leaves nothing behind.
/// </summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class SharedFileIngestTests(TrainerClusterFixture fixture) : IDisposable
{
    private const int Rows = 1000;
    private readonly string _work = Directory.CreateTempSubdirectory("otrain-shared-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(40)]
    public async Task The_silos_store_what_the_client_stores_bit_for_bit(int parts)
    {
        var path = Write("mixed.csv", Mixed());
        var options = new CsvIngestOptions
        {
            LabelColumn = "y", WeightColumn = "w", ShardCount = 3, ChunkBytes = 1024, CategoricalColumns = ["color"],
            IgnoreColumns = ["note, free text"], Missing = MissingValuePolicy.Mean, MissingIndicator = true, SkipBlankLines = true,
        };
        var byClient = Training.UniqueName("by-client");
        var bySilos = Training.UniqueName("by-silos");
        var client = await fixture.Client.CreateDatasetFromCsvAsync(byClient, path, options);
        var silos = await fixture.Client.CreateDatasetFromSharedCsvAsync(bySilos, path, options, parts);

        Assert.Equal(Rows, silos.TotalRows);
        Assert.Equal(client.ShardRows, silos.ShardRows);
        Assert.Equal(client.Schema.FeatureNames, silos.Schema.FeatureNames);
        Assert.Equal(JsonSerializer.Serialize(client.Schema.Encoding), JsonSerializer.Serialize(silos.Schema.Encoding));
        Assert.Equal(client.Statistics!.FeatureMean.Bytes, silos.Statistics!.FeatureMean.Bytes);
        Assert.Equal(client.Statistics.FeatureStandardDeviation.Bytes, silos.Statistics.FeatureStandardDeviation.Bytes);
        Assert.Equal(client.Statistics.WeightSum, silos.Statistics.WeightSum);
        Assert.Equal((11, 11), (client.SkippedBlankLines, silos.SkippedBlankLines));
        Assert.Equal(await ShardMomentsAsync(byClient, client.ShardCount), await ShardMomentsAsync(bySilos, silos.ShardCount));
        Assert.Equal(await TrainAsync(byClient), await TrainAsync(bySilos));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public async Task The_silos_store_the_libsvm_rows_the_client_stores_bit_for_bit(int parts)
    {
        var path = Write("sparse.svm", Sparse());
        var byClient = Training.UniqueName("svm-client");
        var bySilos = Training.UniqueName("svm-silos");
        var options = new LibSvmIngestOptions { ShardCount = 3, ChunkBytes = 1024, Reader = new LibSvmOptions { LabelMapping = LibSvmLabelMapping.SignsToBinary } };
        DatasetInfo client;
        using (var reader = LibSvmReader.Open(path, options.Reader))
        {
            client = await fixture.Client.CreateSparseDatasetAsync(byClient, reader, options);
        }

        var silos = await fixture.Client.CreateSparseDatasetFromSharedLibSvmAsync(bySilos, path, options, parts);

        Assert.Equal(Rows, silos.TotalRows);
        Assert.Equal(client.ShardRows, silos.ShardRows);
        Assert.Equal(client.Schema.SparseDimension, silos.Schema.SparseDimension);
        Assert.Equal(client.Statistics!.NonZeros, silos.Statistics!.NonZeros);
        Assert.Equal(await ShardMomentsAsync(byClient, client.ShardCount), await ShardMomentsAsync(bySilos, silos.ShardCount));
        Assert.Equal(await TrainAsync(byClient, ModelKind.LogisticRegression), await TrainAsync(bySilos, ModelKind.LogisticRegression));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(12)]
    public async Task The_silos_store_the_parquet_rows_the_client_stores_bit_for_bit(int parts)
    {
        var path = Path.Combine(_work, "mixed.parquet");
        WriteParquet(path);
        var options = new TableIngestOptions
        {
            LabelColumn = "y", WeightColumn = "w", ShardCount = 3, ChunkBytes = 1024, CategoricalColumns = ["color"],
            Missing = MissingValuePolicy.Mean, MissingIndicator = true,
        };
        var byClient = Training.UniqueName("pq-client");
        var bySilos = Training.UniqueName("pq-silos");
        var client = await fixture.Client.CreateDatasetFromParquetAsync(byClient, path, options);
        var silos = await fixture.Client.CreateDatasetFromSharedParquetAsync(bySilos, path, options, parts);

        Assert.Equal(Rows, silos.TotalRows);
        Assert.Equal(client.ShardRows, silos.ShardRows);
        Assert.Equal(JsonSerializer.Serialize(client.Schema), JsonSerializer.Serialize(silos.Schema));
        Assert.Equal(client.Statistics!.FeatureMean.Bytes, silos.Statistics!.FeatureMean.Bytes);
        Assert.Equal(await ShardMomentsAsync(byClient, client.ShardCount), await ShardMomentsAsync(bySilos, silos.ShardCount));
        Assert.Equal(await TrainAsync(byClient), await TrainAsync(bySilos));
    }

    [Fact]
    public async Task A_bad_cell_in_a_later_part_names_its_line_and_column_and_leaves_nothing_behind()
    {
        var lines = Mixed().Split('\n');
        var bad = 1 + Array.FindIndex(lines, 699, line => line.StartsWith("\"0.", StringComparison.Ordinal));
        lines[bad - 1] = "\"x." + lines[bad - 1][3..];
        var path = Write("bad.csv", string.Join('\n', lines));
        var dataset = Training.UniqueName("bad-shared");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Client.CreateDatasetFromSharedCsvAsync(dataset, path,
            new CsvIngestOptions
            {
                LabelColumn = "y", WeightColumn = "w", ShardCount = 3, ChunkBytes = 1024, CategoricalColumns = ["color"], IgnoreColumns = ["note, free text"],
                Missing = MissingValuePolicy.Mean, SkipBlankLines = true,
            }, parts: 6));

        Assert.Contains($"bad.csv: line {bad}, column 1 (\"x1\")", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(dataset);
    }

    [Theory]
    [InlineData(BlankLinePlace.InsideAPart)]
    [InlineData(BlankLinePlace.EndingAPart)]
    [InlineData(BlankLinePlace.StartingAPart)]
    public async Task A_blank_line_between_rows_is_refused_by_both_at_its_line_or_skipped_by_both_alike(BlankLinePlace place)
    {
        const int parts = 8;
        var (path, line) = WriteWithBlankLine(place, parts);
        var name = Path.GetFileName(path);
        CsvIngestOptions Options(bool skip) => new() { LabelColumn = "y", ShardCount = 3, ChunkBytes = 1024, SkipBlankLines = skip };
        var refusedByClient = Training.UniqueName("blank-client");
        var refusedBySilos = Training.UniqueName("blank-silos");

        var client = await Assert.ThrowsAsync<CsvFormatException>(() => fixture.Client.CreateDatasetFromCsvAsync(refusedByClient, path, Options(skip: false)));
        var silos = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Client.CreateDatasetFromSharedCsvAsync(refusedBySilos, path, Options(skip: false), parts));

        Assert.Equal(line, client.Line);
        Assert.StartsWith($"{name}: line {line}: blank line between records", client.Message, StringComparison.Ordinal);
        Assert.Equal(client.Message, silos.Message);
        await AssertNothingStoredAsync(refusedByClient);
        await AssertNothingStoredAsync(refusedBySilos);

        var skippedByClient = await fixture.Client.CreateDatasetFromCsvAsync(Training.UniqueName("skip-client"), path, Options(skip: true));
        var skippedBySilos = await fixture.Client.CreateDatasetFromSharedCsvAsync(Training.UniqueName("skip-silos"), path, Options(skip: true), parts);
        Assert.Equal((1, 1), (skippedByClient.SkippedBlankLines, skippedBySilos.SkippedBlankLines));
        Assert.Equal(400, skippedBySilos.TotalRows);
        Assert.Equal(skippedByClient.ShardRows, skippedBySilos.ShardRows);
        Assert.Equal(skippedByClient.Statistics!.FeatureMean.Bytes, skippedBySilos.Statistics!.FeatureMean.Bytes);
        Assert.Equal(skippedByClient.Statistics.FeatureStandardDeviation.Bytes, skippedBySilos.Statistics.FeatureStandardDeviation.Bytes);
    }

    [Fact]
    public async Task Blank_lines_before_the_header_and_after_the_last_row_are_allowed_by_both()
    {
        var path = Write("edges.csv", "\n  \na,y\n1,2\n2,3\n3,5\n\n\n");
        var options = new CsvIngestOptions { LabelColumn = "y", ShardCount = 2 };

        var client = await fixture.Client.CreateDatasetFromCsvAsync(Training.UniqueName("edges-client"), path, options);
        var silos = await fixture.Client.CreateDatasetFromSharedCsvAsync(Training.UniqueName("edges-silos"), path, options, parts: 3);

        Assert.Equal((3, 3), (client.TotalRows, silos.TotalRows));
        Assert.Equal((0, 0), (client.SkippedBlankLines, silos.SkippedBlankLines));
    }

    [Fact]
    public async Task More_shards_than_rows_are_refused_by_both_and_nothing_is_left()
    {
        var path = Write("few.csv", "a,y\n1,2\n2,3\n");
        var options = new CsvIngestOptions { LabelColumn = "y", ShardCount = 3 };
        var byClient = Training.UniqueName("few-client");
        var bySilos = Training.UniqueName("few-silos");

        var client = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.CreateDatasetFromCsvAsync(byClient, path, options));
        var silos = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.CreateDatasetFromSharedCsvAsync(bySilos, path, options, parts: 2));

        Assert.Equal($"Dataset \"{byClient}\" has 2 rows for 3 shards: 1 shard would hold no rows, and every shard needs rows to train on; use at most 2 shards.", client.Message);
        Assert.Equal(client.Message.Replace(byClient, bySilos, StringComparison.Ordinal), silos.Message);
        await AssertNothingStoredAsync(byClient);
        await AssertNothingStoredAsync(bySilos);
    }

    /// <summary>Where a test's blank line falls among the parts the silos read.</summary>
    public enum BlankLinePlace
    {
        /// <summary>Between two rows of one part.</summary>
        InsideAPart,

        /// <summary>The last line of a part, rows following in the next.</summary>
        EndingAPart,

        /// <summary>The first line of a part, rows before it in the previous.</summary>
        StartingAPart,
    }

    /// <summary>
    /// 400 rows with one blank line (ten spaces) inserted after the first row that puts it at <paramref name="place"/>
    /// when the file is split into <paramref name="parts"/>; returns the file and the blank line's number.
    /// </summary>
    private (string Path, long Line) WriteWithBlankLine(BlankLinePlace place, int parts)
    {
        var lines = TestData.SyntheticRegressionCsv(400, 3, seed: 18).TrimEnd('\n').Split('\n');
        for (var after = 2; after < lines.Length - 1; after++)
        {
            var text = string.Join('\n', lines.Take(after).Append("          ").Concat(lines.Skip(after))) + "\n";
            var path = Write($"blank-{place}.csv", text);
            var blankStart = Encoding.UTF8.GetByteCount(string.Join('\n', lines.Take(after)) + "\n");
            var starts = FileParts.Split(path, parts);
            var found = place switch
            {
                BlankLinePlace.StartingAPart => starts.Contains(blankStart),
                BlankLinePlace.EndingAPart => starts.Contains(blankStart + 11),
                _ => !starts.Any(s => Math.Abs(s - blankStart) < 100),
            };
            if (found)
            {
                return (path, after + 1);
            }
        }

        throw new InvalidOperationException($"no row puts the blank line {place}");
    }

    [Fact]
    public async Task A_quoted_field_spanning_lines_is_refused_with_the_way_out()
    {
        var path = Write("multiline.csv", "a,b,y\n1,\"2\n\",3\n4,5,6\n");
        var dataset = Training.UniqueName("multiline");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Client.CreateDatasetFromSharedCsvAsync(dataset, path, new CsvIngestOptions { LabelColumn = "y", ShardCount = 2 }, parts: 2));

        Assert.Contains("spans lines", error.Message, StringComparison.Ordinal);
        Assert.Contains("otrain dataset upload", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(dataset);
    }

    [Fact]
    public async Task A_path_the_silos_cannot_see_is_named()
    {
        var dataset = Training.UniqueName("nowhere");
        var missing = Path.Combine(_work, "absent.csv");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => fixture.Client.CreateDatasetFromSharedCsvAsync(dataset, missing, new CsvIngestOptions { LabelColumn = "y" }));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("every silo", error.Message, StringComparison.Ordinal);
        await AssertNothingStoredAsync(dataset);
    }

    /// <summary>
    /// 1000 rows with a quoted header, CRLF and LF line ends, blank and whitespace-only lines, quoted numbers with the
    /// delimiter inside other fields, a categorical column and empty cells (mean-imputed), and a weight column.
    /// </summary>
    private static string Mixed()
    {
        var random = new Random(16);
        var text = new StringBuilder("\"x1\",x2,color,\"note, free text\",w,y\r\n");
        for (var i = 0; i < Rows; i++)
        {
            var x1 = random.NextDouble().ToString("R", CultureInfo.InvariantCulture);
            var x2 = i % 17 == 0 ? "" : (random.NextDouble() * 100).ToString("R", CultureInfo.InvariantCulture);
            var color = new[] { "red", "green", "blue", "\"dark, grey\"" }[random.Next(4)];
            var y = (random.NextDouble() * 10).ToString("R", CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"\"{x1}\", {x2} ,{color},\"row {i}, \"\"quoted\"\"\",{1 + (i % 3)},{y}");
            text.Append(i % 5 == 0 ? "\r\n" : "\n");
            if (i % 97 == 0)
            {
                text.Append(i % 2 == 0 ? "\n" : "  \t\r\n");
            }
        }

        return text.ToString();
    }

    /// <summary>1000 LIBSVM rows (labels ±1, up to 12 of 300 columns, indices ascending) with comment lines, trailing comments, blank lines and CRLF.</summary>
    private static string Sparse()
    {
        var random = new Random(17);
        var text = new StringBuilder("# a LIBSVM file with comments\n");
        for (var i = 0; i < Rows; i++)
        {
            var columns = Enumerable.Range(1, 300).OrderBy(_ => random.Next()).Take(random.Next(1, 13)).Order();
            text.Append(random.Next(2) == 0 ? "-1" : "+1");
            foreach (var column in columns)
            {
                text.Append(CultureInfo.InvariantCulture, $" {column}:{random.NextDouble():R}");
            }

            text.Append(i % 13 == 0 ? " # row comment\r\n" : "\n");
            if (i % 89 == 0)
            {
                text.Append(i % 2 == 0 ? "\n" : "   # comment line\n");
            }
        }

        return text.ToString();
    }

    /// <summary>1000 rows in 7 row groups (ParquetSharp, Apache's C++ writer): a nullable float column, a dictionary-encoded string column with nulls, a weight and a label.</summary>
    private static void WriteParquet(string path)
    {
        var random = new Random(18);
        var rows = Enumerable.Range(0, Rows).Select(i => (
            X: i % 13 == 0 ? null : (float?)random.NextDouble(),
            Color: i % 29 == 0 ? null : new[] { "red", "green", "blue" }[random.Next(3)],
            W: 1.0 + (i % 3),
            Y: random.NextDouble() * 10)).ToArray();
        using var file = new ParquetSharp.ParquetFileWriter(path, [new ParquetSharp.Column<float?>("x"), new ParquetSharp.Column<string>("color"),
            new ParquetSharp.Column<double>("w"), new ParquetSharp.Column<double>("y")]);
        foreach (var group in rows.Chunk(150))
        {
            using var writer = file.AppendRowGroup();
            WriteColumn(writer, group.Select(r => r.X));
            WriteColumn(writer, group.Select(r => r.Color));
            WriteColumn(writer, group.Select(r => r.W));
            WriteColumn(writer, group.Select(r => r.Y));
        }

        file.Close();
    }

    private static void WriteColumn<T>(ParquetSharp.RowGroupWriter group, IEnumerable<T> values)
    {
        using var writer = group.NextColumn().LogicalWriter<T>();
        writer.WriteBatch([.. values]);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    /// <summary>Each shard's statistics of its stored rows (moments by Welford's update in row order, label range, weight sum): equal only for the same rows in the same order.</summary>
    private async Task<List<double[]>> ShardMomentsAsync(string dataset, int shards)
    {
        var rows = new List<double[]>();
        for (var s = 0; s < shards; s++)
        {
            var moments = await fixture.Cluster.Client.DataShard(dataset, s).GetStatisticsAsync((await fixture.Cluster.Client.DataShard(dataset, s).GetSummaryAsync()).IngestId);
            rows.Add([moments.Rows, moments.WeightSum, moments.LabelMin, moments.LabelMax,
                .. DenseBuffers.AsDoubles(moments.FeatureMean.Bytes).ToArray(), .. DenseBuffers.AsDoubles(moments.FeatureSquaredDeviations.Bytes).ToArray()]);
        }

        return rows;
    }

    private async Task<double[]> TrainAsync(string dataset, ModelKind model = ModelKind.LinearRegression)
    {
        var (status, trained) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = Training.UniqueName("shared-lbfgs"), Dataset = dataset, Model = model, Solver = SolverKind.Lbfgs, L2 = 0.01, MaxRounds = 40,
            Standardize = model == ModelKind.LinearRegression,
        });
        Assert.True(status.Status == JobStatus.Completed, status.Reason);
        return Training.Coefficients(trained);
    }

    private async Task AssertNothingStoredAsync(string dataset)
    {
        Assert.Equal(DatasetStatus.None, (await fixture.Client.GetDatasetAsync(dataset)).Status);
        Assert.Empty(fixture.KeysContaining($"/rows/{dataset}/"));
    }
}
