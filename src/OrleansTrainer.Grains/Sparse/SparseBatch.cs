using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// Some of a shard's sparse rows with their columns renumbered 0..m−1 over the m distinct columns they touch, so that a
/// round pulls, computes on and pushes m weights instead of the model's full dimension.
/// </summary>
internal sealed class SparseBatch
{
    private SparseBatch(CsrMatrix local, int[] columns, double[] labels, double[] weights)
    {
        Local = local;
        Columns = columns;
        Labels = labels;
        Weights = weights;
    }

    /// <summary>The rows, over local column numbers.</summary>
    public CsrMatrix Local { get; }

    /// <summary>The global feature index of each local column, strictly increasing.</summary>
    public int[] Columns { get; }

    /// <summary>The rows' labels.</summary>
    public double[] Labels { get; }

    /// <summary>The rows' instance weights; empty when every row weighs 1.</summary>
    public double[] Weights { get; }

    /// <summary>
    /// All of <paramref name="rows"/>, or those listed in <paramref name="selected"/> (in that order), over a model of
    /// <paramref name="dimension"/> features; with a <paramref name="permutation"/>, feature j counts as column π(j)
    /// (each row's entries re-sorted by it).
    /// </summary>
    public static SparseBatch From(ShardRows rows, int[]? selected, int dimension, FeaturePermutation? permutation)
    {
        var matrix = rows.Sparse ?? throw new InvalidOperationException("The shard's rows are dense.");
        var count = selected?.Length ?? matrix.Rows;
        var pointers = new long[count + 1];
        for (var i = 0; i < count; i++)
        {
            var row = selected is null ? i : selected[i];
            pointers[i + 1] = pointers[i] + matrix.RowIndices(row).Length;
        }

        var global = new int[pointers[count]];
        var values = new float[global.Length];
        var labels = new double[count];
        var weights = rows.Weights.Length == 0 ? [] : new double[count];
        for (var i = 0; i < count; i++)
        {
            var row = selected is null ? i : selected[i];
            matrix.RowIndices(row).CopyTo(global.AsSpan((int)pointers[i]));
            matrix.RowValues(row).CopyTo(values.AsSpan((int)pointers[i]));
            if (permutation is not null)
            {
                Permute(global, values, (int)pointers[i], (int)(pointers[i + 1] - pointers[i]), permutation);
            }

            labels[i] = rows.Labels[row];
            if (weights.Length > 0)
            {
                weights[i] = rows.Weights[row];
            }
        }

        var (columns, local) = (long)global.Length * 8 >= dimension ? RenumberByMap(global, dimension) : RenumberBySort(global);
        return new SparseBatch(new CsrMatrix(count, columns.Length, pointers, local, values), columns, labels, weights);
    }

    private static void Permute(int[] global, float[] values, int first, int count, FeaturePermutation permutation)
    {
        for (var e = first; e < first + count; e++)
        {
            global[e] = permutation.Map(global[e]);
        }

        Array.Sort(global, values, first, count);
    }

    /// <summary>Many entries for the width: mark the touched columns in a map over the width, number them in one scan.</summary>
    private static (int[] Columns, int[] Local) RenumberByMap(int[] global, int width)
    {
        var map = new int[width];
        foreach (var column in global)
        {
            map[column] = 1;
        }

        var columns = new List<int>();
        for (var j = 0; j < width; j++)
        {
            if (map[j] != 0)
            {
                map[j] = columns.Count;
                columns.Add(j);
            }
        }

        var local = new int[global.Length];
        for (var e = 0; e < global.Length; e++)
        {
            local[e] = map[global[e]];
        }

        return (columns.ToArray(), local);
    }

    /// <summary>Few entries for the width: sort them, keep the distinct ones, find each by binary search.</summary>
    private static (int[] Columns, int[] Local) RenumberBySort(int[] global)
    {
        var columns = DistinctSorted(global);
        var local = new int[global.Length];
        for (var e = 0; e < global.Length; e++)
        {
            local[e] = Array.BinarySearch(columns, global[e]);
        }

        return (columns, local);
    }

    private static int[] DistinctSorted(int[] indices)
    {
        var sorted = (int[])indices.Clone();
        Array.Sort(sorted);
        var unique = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (unique == 0 || sorted[i] != sorted[unique - 1])
            {
                sorted[unique++] = sorted[i];
            }
        }

        return sorted[..unique];
    }
}
