using System.Globalization;
using System.Text;
using OrleansTrainer.Ingest;
using static OrleansTrainer.Client.Tests.Ingest.CsvTestInput;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class CsvDatasetReaderRoundTripTests
{
    [Fact]
    public async Task Ten_thousand_rows_of_random_floats_written_with_R_parse_back_exactly()
    {
        const int rowCount = 10_000;
        const int featureCount = 12;
        var random = new Random(20240611);
        float[,] expected = new float[rowCount, featureCount];
        double[] expectedLabels = new double[rowCount];
        var csv = new StringBuilder(string.Join(',', Enumerable.Range(0, featureCount).Select(j => $"x{j}")) + ",y\n");
        for (int i = 0; i < rowCount; i++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                expected[i, j] = RandomFiniteFloat(random);
                csv.Append(expected[i, j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
            }

            expectedLabels[i] = RandomFiniteDouble(random);
            csv.Append(expectedLabels[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        using CsvDatasetReader reader = await OpenAsync(csv.ToString());
        List<CsvTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal(rowCount, rows.Count);
        for (int i = 0; i < rowCount; i++)
        {
            for (int j = 0; j < featureCount; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[i, j]), BitConverter.SingleToInt32Bits(rows[i].Features[j]));
            }

            Assert.Equal(BitConverter.DoubleToInt64Bits(expectedLabels[i]), BitConverter.DoubleToInt64Bits(rows[i].Label));
        }
    }

    [Fact]
    public async Task Rows_are_the_same_wherever_a_buffer_boundary_falls()
    {
        const string row = "  \"1.5\" , -2e-3,\"3\"\r\n\n4,\"5\n\",6\n";
        string rows = string.Concat(Enumerable.Repeat(row, 3_000));
        using CsvDatasetReader reference = await OpenSkippingBlankLinesAsync("a,b,y\n" + rows);
        List<CsvTestRow> expected = await ReadAllAsync(reference);

        for (int shift = 0; shift < row.Length; shift++)
        {
            string csv = "a,b,y" + new string(' ', shift) + "\n" + rows;
            using CsvDatasetReader reader = await CsvDatasetReader.OpenAsync(new ChunkedTextReader(csv, chunkLength: 4096 + shift), SourceName,
                new CsvIngestOptions { LabelColumn = "y", SkipBlankLines = true }, CancellationToken.None);
            List<CsvTestRow> actual = await ReadAllAsync(reader);

            Assert.Equal(expected.Count, actual.Count);
            Assert.All(expected.Zip(actual), pair =>
            {
                Assert.Equal(pair.First.Features, pair.Second.Features);
                Assert.Equal(pair.First.Label, pair.Second.Label);
                Assert.Equal(pair.First.Line, pair.Second.Line);
            });
            Assert.Equal(reference.LinesRead, reader.LinesRead);
            Assert.Equal(reference.SkippedBlankLines, reader.SkippedBlankLines);
        }
    }

    [Fact]
    public async Task A_record_larger_than_the_initial_buffer_is_read_whole()
    {
        const int featureCount = 20_000;
        string header = string.Join(',', Enumerable.Range(0, featureCount).Select(j => $"feature_{j}")) + ",y\n";
        string row = string.Join(',', Enumerable.Range(0, featureCount).Select(j => (j * 0.25).ToString(CultureInfo.InvariantCulture))) + ",-1\n";

        using CsvDatasetReader reader = await OpenAsync(header + row + row);
        List<CsvTestRow> rows = await ReadAllAsync(reader);

        Assert.Equal(featureCount, reader.FeatureNames.Count);
        Assert.Equal(2, rows.Count);
        Assert.Equal(Enumerable.Range(0, featureCount).Select(j => j * 0.25f), rows[1].Features);
    }

    private static float RandomFiniteFloat(Random random)
    {
        while (true)
        {
            float value = BitConverter.Int32BitsToSingle(random.Next() ^ (random.Next(2) << 31));
            if (float.IsFinite(value))
            {
                return value;
            }
        }
    }

    private static double RandomFiniteDouble(Random random)
    {
        while (true)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64() ^ ((long)random.Next(2) << 63));
            if (double.IsFinite(value))
            {
                return value;
            }
        }
    }
}
