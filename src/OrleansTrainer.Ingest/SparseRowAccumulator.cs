namespace OrleansTrainer.Ingest;

/// <summary>
/// Collects one row's (index, value) entries in any order and delivers them sorted by index, entries with the same
/// index summed in the order they were added, zeros dropped.
/// </summary>
internal sealed class SparseRowAccumulator(int capacity)
{
    private readonly long[] _keys = new long[capacity];
    private readonly double[] _values = new double[capacity];
    private int _count;

    /// <summary>Forgets the entries collected.</summary>
    public void Clear() => _count = 0;

    /// <summary>Adds an entry; at most <c>capacity</c> per row.</summary>
    public void Add(int index, double value)
    {
        // The index in the high half and the arrival in the low half make the keys unique, so sorting keeps arrival order within an index.
        _keys[_count] = ((long)index << 32) | (uint)_count;
        _values[_count] = value;
        _count++;
    }

    /// <summary>
    /// Clears the lists and fills them with the summed entries, each sum rounded once to float32.
    /// </summary>
    /// <returns>-1, or the index whose sum is beyond the float32 range (the lists then hold partial entries).</returns>
    public int MoveTo(List<int> indices, List<float> values)
    {
        indices.Clear();
        values.Clear();
        Array.Sort(_keys, _values, 0, _count);
        int k = 0;
        while (k < _count)
        {
            int index = (int)(_keys[k] >> 32);
            double sum = 0;
            for (; k < _count && (int)(_keys[k] >> 32) == index; k++)
            {
                sum += _values[k];
            }

            float value = (float)sum;
            if (!float.IsFinite(value))
            {
                return index;
            }

            if (value != 0)
            {
                indices.Add(index);
                values.Add(value);
            }
        }

        return -1;
    }
}
