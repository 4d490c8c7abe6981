using OrleansTrainer.Abstractions;
using OrleansTrainer.Numerics;

namespace OrleansTrainer.Client;

/// <summary>
/// The values a hyperparameter search tries, one list per hyperparameter; an empty list leaves the base spec's value.
/// The grid is every combination, in a fixed order (the last list varies fastest).
/// </summary>
public sealed record SearchSpace
{
    /// <summary>L2 penalties.</summary>
    public IReadOnlyList<double> L2 { get; init; } = [];

    /// <summary>L1 penalties.</summary>
    public IReadOnlyList<double> L1 { get; init; } = [];

    /// <summary>Elastic-net strengths α (with <see cref="L1Ratio"/>; excludes <see cref="L1"/> and <see cref="L2"/>).</summary>
    public IReadOnlyList<double> Penalty { get; init; } = [];

    /// <summary>Elastic-net mixes ρ in [0, 1].</summary>
    public IReadOnlyList<double> L1Ratio { get; init; } = [];

    /// <summary>Learning rates.</summary>
    public IReadOnlyList<double> LearningRate { get; init; } = [];

    /// <summary>Mini-batch sizes.</summary>
    public IReadOnlyList<int> BatchSize { get; init; } = [];

    /// <summary>Update rules.</summary>
    public IReadOnlyList<OptimizerKind> Optimizer { get; init; } = [];

    /// <summary>The number of combinations (1 per empty list).</summary>
    public long Size => Lengths().Aggregate(1L, (product, n) => product * Math.Max(1, n));

    /// <summary>Whether no list has a value.</summary>
    public bool IsEmpty => Lengths().All(n => n == 0);

    /// <summary>Refuses a search space that cannot run, naming the list and value.</summary>
    /// <exception cref="ArgumentException">It is empty, mixes elastic-net and plain penalties, or holds an invalid value.</exception>
    public void Validate()
    {
        Require(!IsEmpty, "the search space is empty: give at least one value of one hyperparameter");
        Require((Penalty.Count == 0 && L1Ratio.Count == 0) || (L1.Count == 0 && L2.Count == 0),
            "the search space sets both elastic-net (alpha, l1-ratio) and plain (l1, l2) penalties; use one or the other");
        Require(L2.Concat(L1).Concat(Penalty).All(v => double.IsFinite(v) && v >= 0), "penalties must be zero or positive");
        Require(L1Ratio.All(v => v is >= 0 and <= 1), "l1-ratio values must be in [0, 1]");
        Require(LearningRate.All(v => double.IsFinite(v) && v > 0), "learning rates must be positive");
        Require(BatchSize.All(v => v >= 1), "batch sizes must be at least 1");
        Require(Size <= 100_000, $"the grid has {Size} combinations; at most 100,000");
    }

    /// <summary>Every combination, in grid order.</summary>
    public IReadOnlyList<TrialSettings> Grid() => Enumerable.Range(0, (int)Size).Select(At).ToArray();

    /// <summary>
    /// <paramref name="trials"/> distinct combinations drawn without replacement by a generator seeded with
    /// <paramref name="seed"/> (the whole grid, shuffled, when it has no more): the same seed gives the same trials.
    /// </summary>
    public IReadOnlyList<TrialSettings> Sample(int trials, ulong seed)
    {
        var indices = Enumerable.Range(0, (int)Size).ToArray();
        var random = new Xoshiro256StarStar(seed);
        var count = Math.Min(trials, indices.Length);
        for (var i = 0; i < count; i++)
        {
            var j = i + random.NextInt32(indices.Length - i);
            (indices[i], indices[j]) = (indices[j], indices[i]);
        }

        return indices.Take(count).Select(At).ToArray();
    }

    private TrialSettings At(int index)
    {
        var settings = new TrialSettings();
        settings = Pick(Optimizer, ref index, (s, v) => s with { Optimizer = v }, settings);
        settings = Pick(BatchSize, ref index, (s, v) => s with { BatchSize = v }, settings);
        settings = Pick(LearningRate, ref index, (s, v) => s with { LearningRate = v }, settings);
        settings = Pick(L1Ratio, ref index, (s, v) => s with { L1Ratio = v }, settings);
        settings = Pick(Penalty, ref index, (s, v) => s with { Penalty = v }, settings);
        settings = Pick(L1, ref index, (s, v) => s with { L1 = v }, settings);
        return Pick(L2, ref index, (s, v) => s with { L2 = v }, settings);
    }

    private static TrialSettings Pick<T>(IReadOnlyList<T> values, ref int index, Func<TrialSettings, T, TrialSettings> set, TrialSettings settings)
    {
        if (values.Count == 0)
        {
            return settings;
        }

        var value = values[index % values.Count];
        index /= values.Count;
        return set(settings, value);
    }

    private int[] Lengths() => [L2.Count, L1.Count, Penalty.Count, L1Ratio.Count, LearningRate.Count, BatchSize.Count, Optimizer.Count];

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Search space: {message}.");
        }
    }
}
