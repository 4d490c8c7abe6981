using OrleansTrainer.Ingest;

namespace OrleansTrainer.Client.Tests.Ingest.Sparse;

/// <summary>One sparse row as read, for assertions.</summary>
public sealed record SparseTestRow(int[] Indices, float[] Values, double Label, double Weight)
{
    public override string ToString() => $"[{string.Join(' ', Indices.Zip(Values, (i, v) => $"{i}:{v}"))}] y={Label} w={Weight}";

    public bool Equals(SparseTestRow? other) =>
        other is not null && Indices.SequenceEqual(other.Indices) && Values.SequenceEqual(other.Values) && Label.Equals(other.Label) && Weight.Equals(other.Weight);

    public override int GetHashCode() => HashCode.Combine(Indices.Length, Label, Weight);
}

/// <summary>Reads whole sparse sources, for the reader tests.</summary>
internal static class SparseTestRows
{
    public static async Task<List<SparseTestRow>> ReadAllAsync(ISparseRowReader reader)
    {
        var rows = new List<SparseTestRow>();
        var indices = new List<int>();
        var values = new List<float>();
        while (await reader.ReadRowAsync(indices, values, CancellationToken.None))
        {
            rows.Add(new SparseTestRow([.. indices], [.. values], reader.CurrentLabel, reader.CurrentWeight));
        }

        Assert.Equal(rows.Count, reader.RowsRead);
        return rows;
    }

    public static SparseTestRow Row(double label, params (int Index, float Value)[] entries) =>
        new([.. entries.Select(e => e.Index)], [.. entries.Select(e => e.Value)], label, 1);
}
