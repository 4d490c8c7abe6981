using System.Buffers.Binary;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest;

public sealed class OtdsRowReaderTests
{
    [Fact]
    public async Task Otds_rows_carry_no_weight_and_each_weighs_one()
    {
        string path = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(path, DenseFloat32File(features: [1, 2, 3, 4], labels: [5, 6]));
            using OtdsRowReader reader = OtdsRowReader.Open(path);
            var features = new float[2];

            Assert.Null(reader.WeightName);
            Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
            Assert.True(await reader.ReadRowAsync(features, CancellationToken.None));
            Assert.Equal([3f, 4f], features);
        Assert.Equal((6.0, 1.0), (reader.CurrentLabel, reader.CurrentWeight));
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A dense float32 OTDS file of <paramref name="labels"/>.Length rows: 64-byte header, X, then y at the next multiple of 64.</summary>
    private static byte[] DenseFloat32File(float[] features, double[] labels)
    {
        int labelsAt = (64 + (features.Length * sizeof(float)) + 63) / 64 * 64;
        var file = new byte[labelsAt + (labels.Length * sizeof(double))];
        BinaryPrimitives.WriteUInt32LittleEndian(file, 0x5344544F);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), 1);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(16), labels.Length);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(24), features.Length / labels.Length);
        for (int i = 0; i < features.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(file.AsSpan(64 + (i * sizeof(float))), features[i]);
        }

        for (int i = 0; i < labels.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(file.AsSpan(labelsAt + (i * sizeof(double))), labels[i]);
        }

        return file;
    }
}
