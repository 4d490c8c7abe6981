using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.Sparse.SparseTestRows;

namespace OrleansTrainer.Client.Tests.Ingest.Sparse;

public sealed class LibSvmReaderTests
{
    private const string SourceName = "data.svm";

    [Fact]
    public async Task Valid_corpus_reads_with_comments_qid_blank_lines_and_tabs()
    {
        const string text = "# a comment line\n"
            + "1 1:0.5 3:-2 # trailing comment 9:x\n"
            + "\n"
            + "-1\t2:1e-3\t\t4:7\r\n"
            + "   \t \n"
            + "  # indented comment\n"
            + "0 qid:3 1:0 5:2.5\n"
            + "+2.25\n"
            + "3 qid:1 7:1";
        using var reader = new LibSvmReader(new StringReader(text), SourceName);

        List<SparseTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal(
            [Row(1, (0, 0.5f), (2, -2)), Row(-1, (1, 1e-3f), (3, 7)), Row(0, (4, 2.5f)), Row(2.25), Row(3, (6, 1))],
            rows);
        Assert.Equal(7, reader.Dimension);
        Assert.Equal(9, reader.LinesRead);
        reader.EnsureHasRows();
    }

    [Fact]
    public async Task Dimension_grows_with_the_largest_index_seen_until_the_end()
    {
        using var reader = new LibSvmReader(new StringReader("1 3:1\n1 2:1 9:0\n1 4:1\n"), SourceName);
        var indices = new List<int>();
        var values = new List<float>();

        Assert.Equal(0, reader.Dimension);
        Assert.True(await reader.ReadRowAsync(indices, values, CancellationToken.None));
        Assert.Equal(3, reader.Dimension);
        Assert.True(await reader.ReadRowAsync(indices, values, CancellationToken.None));
        Assert.Equal([1], indices);
        Assert.Equal(9, reader.Dimension);
        Assert.True(await reader.ReadRowAsync(indices, values, CancellationToken.None));
        Assert.False(await reader.ReadRowAsync(indices, values, CancellationToken.None));
        Assert.Empty(indices);
        Assert.Equal(9, reader.Dimension);
    }

    [Fact]
    public async Task Zero_based_indices_are_read_as_written_and_a_given_dimension_is_fixed()
    {
        var options = new LibSvmOptions { ZeroBasedIndices = true, Dimension = 10 };
        using var reader = new LibSvmReader(new StringReader("1 0:2 3:4\n"), SourceName, options);

        Assert.Equal(10, reader.Dimension);
        Assert.Equal([Row(1, (0, 2), (3, 4))], await ReadAllAsync(reader));
        Assert.Equal(10, reader.Dimension);
    }

    [Fact]
    public async Task Signs_map_to_binary_labels()
    {
        var options = new LibSvmOptions { LabelMapping = LibSvmLabelMapping.SignsToBinary };
        using var reader = new LibSvmReader(new StringReader("-1 1:1\n+1 1:1\n0 1:1\n1 1:1\n-1.0 1:1\n"), SourceName, options);

        List<SparseTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal([0.0, 1, 0, 1, 0], rows.Select(r => r.Label));
    }

    [Fact]
    public async Task A_file_opens_by_path_and_is_named_by_its_file_name()
    {
        string directory = Directory.CreateTempSubdirectory("libsvm").FullName;
        try
        {
            string path = Path.Combine(directory, "train.svm");
            await File.WriteAllTextAsync(path, "\uFEFF1 2:3\n1 0:1\n");
            using LibSvmReader reader = LibSvmReader.Open(path, new LibSvmOptions());

            LibSvmFormatException error = await Assert.ThrowsAsync<LibSvmFormatException>(() => ReadAllAsync(reader));

            Assert.Equal("train.svm line 2, column 3: index 0 is not allowed (indices are 1-based)", error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Comment_only_input_has_no_rows()
    {
        using var reader = new LibSvmReader(new StringReader("# nothing\n\n"), SourceName);
        await ReadAllAsync(reader);

        LibSvmFormatException error = Assert.Throws<LibSvmFormatException>(reader.EnsureHasRows);

        Assert.Equal((3L, 1), (error.Line, error.Column));
        Assert.Contains("no rows", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_message_names_source_line_and_column()
    {
        using var reader = new LibSvmReader(new StringReader("1 1:1\n\n\n\n\n# c\n1 2:3 0:1\n"), SourceName);

        LibSvmFormatException error = await Assert.ThrowsAsync<LibSvmFormatException>(() => ReadAllAsync(reader));

        Assert.Equal("data.svm line 7, column 7: index 0 is not allowed (indices are 1-based)", error.Message);
        Assert.Equal((SourceName, 7L, 7), (error.SourceName, error.Line, error.Column));
    }

    [Theory]
    [InlineData("1 3:1 4", 7, "missing colon in \"4\"")]
    [InlineData("1 3:1 qid", 7, "missing colon in \"qid\"")]
    [InlineData("1 0:1", 3, "index 0 is not allowed (indices are 1-based)")]
    [InlineData("1\t2:1\t0:1", 7, "index 0 is not allowed")]
    [InlineData("1 -2:1", 3, "negative index -2")]
    [InlineData("1 -99999999999999999999:1", 3, "negative index")]
    [InlineData("1 5:1 3:1", 7, "index 3 follows 5; indices must strictly increase")]
    [InlineData("1 5:1 5:2", 7, "duplicate index 5")]
    [InlineData("1 5:0 5:2", 7, "duplicate index 5")]
    [InlineData("1 x:1", 3, "cannot parse index \"x\"")]
    [InlineData("1 :1", 3, "cannot parse index \"\"")]
    [InlineData("1 2147483648:1", 3, "index 2147483648 is above the int range")]
    [InlineData("1 99999999999999999999:1", 3, "above the int range")]
    [InlineData("1 2:abc", 5, "cannot parse \"abc\" as a number")]
    [InlineData("1 2:", 5, "missing value after \"2:\"")]
    [InlineData("1 12:NaN", 6, "\"NaN\" is not a finite number")]
    [InlineData("1 2:-Infinity", 5, "\"-Infinity\" is not a finite number")]
    [InlineData("1 2:1e39", 5, "\"1e39\" is out of float32 range")]
    [InlineData("abc 1:1", 1, "label: cannot parse \"abc\" as a number")]
    [InlineData("  NaN 1:1", 3, "label: \"NaN\" is not a finite number")]
    [InlineData("inf", 1, "label: cannot parse \"inf\"")]
    [InlineData("1e999 1:1", 1, "label: \"1e999\" is out of float64 range")]
    [InlineData("1:2 3:4", 1, "missing label: the line starts with \"1:2\"")]
    [InlineData("qid:3 1:1", 1, "missing label: the line starts with \"qid:3\"")]
    [InlineData("qid", 1, "missing label: the line holds only \"qid\"")]
    [InlineData("qid:7", 1, "missing label: the line holds only \"qid:7\"")]
    [InlineData("\tqid:7 # c", 2, "missing label: the line holds only \"qid:7\"")]
    public async Task Invalid_line_is_refused_with_its_line_column_and_reason(string line, int column, string reason)
    {
        LibSvmFormatException error = await ReadExpectingErrorAsync($"1 1:1\n{line}\n1 1:1\n", new LibSvmOptions());

        Assert.Equal((SourceName, 2L, column), (error.SourceName, error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal($"{SourceName} line 2, column {column}: {error.Reason}", error.Message);
    }

    [Theory]
    [InlineData("1 4:1 5:1", false, 7, "index 5 is beyond the dimension 4 (indices run 1 .. 4)")]
    [InlineData("1 3:1 4:1", true, 7, "index 4 is beyond the dimension 4 (indices run 0 .. 3)")]
    [InlineData("1 2147483647:1", true, 3, "index 2147483647 is beyond the dimension 4")]
    public async Task Index_beyond_a_given_dimension_is_refused(string line, bool zeroBased, int column, string reason)
    {
        LibSvmFormatException error = await ReadExpectingErrorAsync(line, new LibSvmOptions { Dimension = 4, ZeroBasedIndices = zeroBased });

        Assert.Equal((1L, column), (error.Line, error.Column));
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Largest_one_based_index_is_the_last_int_column()
    {
        using var reader = new LibSvmReader(new StringReader("1 2147483647:1\n"), SourceName);

        Assert.Equal([Row(1, (int.MaxValue - 1, 1))], await ReadAllAsync(reader));
        Assert.Equal(int.MaxValue, reader.Dimension);
    }

    [Fact]
    public async Task Zero_based_index_0_is_allowed_but_the_int_maximum_is_not()
    {
        LibSvmFormatException error = await ReadExpectingErrorAsync("1 0:1 2147483647:1", new LibSvmOptions { ZeroBasedIndices = true });

        Assert.Equal(7, error.Column);
        Assert.Contains("index 2147483647 is above the int range (the largest is 2147483646)", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2 1:1")]
    [InlineData("0.5 1:1")]
    [InlineData("-2")]
    public async Task Signs_mapping_refuses_other_labels(string line)
    {
        LibSvmFormatException error = await ReadExpectingErrorAsync(line, new LibSvmOptions { LabelMapping = LibSvmLabelMapping.SignsToBinary });

        Assert.Equal((1L, 1), (error.Line, error.Column));
        Assert.Contains("is not -1, 0 or +1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LibSvmReader(new StringReader(""), SourceName, new LibSvmOptions { Dimension = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LibSvmReader(new StringReader(""), SourceName, new LibSvmOptions { LabelMapping = (LibSvmLabelMapping)7 }));
    }

    private static Task<LibSvmFormatException> ReadExpectingErrorAsync(string text, LibSvmOptions options) =>
        Assert.ThrowsAsync<LibSvmFormatException>(async () =>
        {
            using var reader = new LibSvmReader(new StringReader(text), SourceName, options);
            await ReadAllAsync(reader);
        });
}
