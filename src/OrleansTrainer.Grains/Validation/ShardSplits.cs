using OrleansTrainer.Numerics;

namespace OrleansTrainer.Grains;

/// <summary>
/// The splits a shard has divided its rows by, kept while its rows stay loaded: k fold jobs of a cross-validation
/// train on one shard at once, each with its own split. A few dozen at most are kept; beyond that the oldest go.
/// </summary>
internal sealed class ShardSplits
{
    private const int Kept = 32;
    private readonly Dictionary<RowSplit, ShardSplit> _splits = [];
    private readonly Queue<RowSplit> _order = new();

    /// <summary>The split of the shard's rows by <paramref name="rule"/>, built on first use.</summary>
    public ShardSplit Get(RowSplit rule, Func<ShardSplit> create)
    {
        if (_splits.TryGetValue(rule, out var split))
        {
            return split;
        }

        if (_order.Count == Kept)
        {
            _splits.Remove(_order.Dequeue());
        }

        _order.Enqueue(rule);
        return _splits[rule] = create();
    }

    /// <summary>Forgets every split (the rows changed).</summary>
    public void Clear()
    {
        _splits.Clear();
        _order.Clear();
    }
}
