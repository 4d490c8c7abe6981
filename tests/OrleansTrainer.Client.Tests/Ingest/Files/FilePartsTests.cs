using System.Text;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest.Files;

/// <summary><see cref="FileParts"/> against a naive reading of the same bytes: parts start at lines, and counts add up to the whole file's.</summary>
public sealed class FilePartsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"otrain-parts-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData(1, ',')]
    [InlineData(3, ',')]
    [InlineData(17, ',')]
    [InlineData(500, ',')]
    [InlineData(9, '\t')]
    public void Parts_start_at_lines_and_their_counts_are_the_naive_counts(int parts, char delimiter)
    {
        var text = Text(seed: parts);
        File.WriteAllText(_path, text, new UTF8Encoding(false));
        var bytes = File.ReadAllBytes(_path);

        var starts = FileParts.Split(_path, parts);

        Assert.Equal(0, starts[0]);
        Assert.Equal(bytes.Length, starts[^1]);
        Assert.True(starts.Length - 1 <= parts);
        for (var k = 1; k < starts.Length; k++)
        {
            Assert.True(starts[k] > starts[k - 1]);
            if (k < starts.Length - 1)
            {
                Assert.Equal((byte)'\n', bytes[starts[k] - 1]);
            }

            var count = FileParts.CountLines(_path, starts[k - 1], starts[k], delimiter);
            Assert.Equal(NaiveCount(bytes.AsSpan((int)starts[k - 1], (int)(starts[k] - starts[k - 1])), delimiter), count);
        }
    }

    [Fact]
    public void Blank_lines_are_not_records_but_are_lines()
    {
        File.WriteAllText(_path, "a,y\r\n\r\n1,2\n  \t \n\n3,4\n\t\n", new UTF8Encoding(false));

        Assert.Equal(new LineCount(3, 7), FileParts.CountLines(_path, 0, new FileInfo(_path).Length, ','));
        Assert.Equal(new LineCount(5, 7), FileParts.CountLines(_path, 0, new FileInfo(_path).Length, '\t'));
    }

    [Fact]
    public void A_last_line_without_a_line_feed_is_a_record()
    {
        File.WriteAllText(_path, "a,y\n1,2", new UTF8Encoding(false));

        Assert.Equal(new LineCount(2, 1), FileParts.CountLines(_path, 0, new FileInfo(_path).Length, ','));
    }

    [Fact]
    public void A_part_reads_back_exactly_its_bytes()
    {
        File.WriteAllText(_path, "\uFEFFa,y\nü,1\n€,2\n", new UTF8Encoding(false));
        var starts = FileParts.Split(_path, 3);

        var texts = Enumerable.Range(0, starts.Length - 1).Select(k =>
        {
            using var part = FileParts.OpenPart(_path, starts[k], starts[k + 1]);
            return part.ReadToEnd();
        });

        Assert.Equal("a,y\nü,1\n€,2\n", string.Concat(texts));
    }

    [Fact]
    public void Utf16_text_is_refused_by_name()
    {
        File.WriteAllText(_path, "a,y\n1,2\n", Encoding.Unicode);

        var error = Assert.Throws<InvalidDataException>(() => FileParts.Split(_path, 2));

        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Lines of random lengths (some very long, some blank or whitespace-only, CRLF and LF), without a final line feed at times.</summary>
    private static string Text(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            text.Append(random.Next(10) switch
            {
                0 => "",
                1 => " \t ",
                2 => "\t",
                3 => new string('x', random.Next(5000)),
                _ => $"{random.Next()},{random.NextDouble()}",
            });
            text.Append(random.Next(3) == 0 ? "\r\n" : "\n");
        }

        return seed % 2 == 0 ? text.ToString() : text.ToString().TrimEnd('\n', '\r') + "7,8";
    }

    private static LineCount NaiveCount(ReadOnlySpan<byte> bytes, char delimiter)
    {
        long records = 0, lineFeeds = 0;
        var blank = true;
        foreach (var b in bytes)
        {
            if (b == '\n')
            {
                lineFeeds++;
                records += blank ? 0 : 1;
                blank = true;
            }
            else if (!(b is (byte)' ' or (byte)'\r' || (b == '\t' && delimiter != '\t')))
            {
                blank = false;
            }
        }

        return new LineCount(records + (blank ? 0 : 1), lineFeeds);
    }
}
