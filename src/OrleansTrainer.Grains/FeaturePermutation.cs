using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Grains;

/// <summary>
/// The feature order of a <see cref="WeightPartition.Hash"/> job: feature j sits at position π(j) = (a·j + c) mod D of
/// every output's weights, a the odd number nearest 0.618·D that is coprime to D (Knuth's multiplicative hashing, made
/// a bijection of 0..D−1), c = seed mod D. Shards renumber their rows' columns through π; the trainer maps the
/// parameters back to feature order when it hands out the model.
/// </summary>
/// <param name="Dimension">D, the feature count.</param>
/// <param name="Multiplier">a, coprime to D.</param>
/// <param name="Offset">c, in 0..D−1.</param>
internal sealed record FeaturePermutation(int Dimension, long Multiplier, long Offset)
{
    /// <summary>The permutation of a job over <paramref name="dimension"/> features; null for <see cref="WeightPartition.Range"/>.</summary>
    public static FeaturePermutation? For(JobSpec spec, int dimension)
    {
        if (spec.Partition != WeightPartition.Hash || dimension <= 1)
        {
            return null;
        }

        var multiplier = (long)(dimension * 0.6180339887498949) | 1;
        while (GreatestCommonDivisor(multiplier, dimension) != 1)
        {
            multiplier += 2;
        }

        return new FeaturePermutation(dimension, multiplier % dimension, (long)(spec.Seed % (ulong)dimension));
    }

    /// <summary>π(<paramref name="feature"/>).</summary>
    public int Map(int feature) => (int)(((Multiplier * feature) + Offset) % Dimension);

    /// <summary>Parameters in π order (as the blocks hold them) rewritten in feature order: each output's weights, intercepts unchanged.</summary>
    public void ToFeatureOrder(ParameterLayout layout, double[] parameters)
    {
        var permuted = new double[Dimension];
        for (var k = 0; k < layout.Outputs; k++)
        {
            var weights = parameters.AsSpan(k * Dimension, Dimension);
            weights.CopyTo(permuted);
            for (var j = 0; j < Dimension; j++)
            {
                weights[j] = permuted[Map(j)];
            }
        }
    }

    /// <summary>Parameters in feature order rewritten in π order (as the blocks hold them): the inverse of <see cref="ToFeatureOrder"/>.</summary>
    public void ToBlockOrder(ParameterLayout layout, double[] parameters)
    {
        var ordered = new double[Dimension];
        for (var k = 0; k < layout.Outputs; k++)
        {
            var weights = parameters.AsSpan(k * Dimension, Dimension);
            weights.CopyTo(ordered);
            for (var j = 0; j < Dimension; j++)
            {
                weights[Map(j)] = ordered[j];
            }
        }
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
