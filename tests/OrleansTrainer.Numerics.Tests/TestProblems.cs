using OrleansTrainer.Numerics;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>A random linear-model problem: features, labels fitting the loss, and weights.</summary>
internal sealed record TestProblem(float[] Features, double[] Labels, double[] Weights, double Intercept)
{
    public int Rows => Labels.Length;

    public int Cols => Weights.Length;

    /// <summary>Features uniform in [-1, 2) (not centered, so nothing cancels to zero); predictions of spread about 3,
    /// so the logistic loss sees both saturated and unsaturated rows, and the Huber loss both of its pieces.
    /// Labels: 0/1 for logistic and the squared hinge, counts 0..4 for Poisson, uniform in [-2, 2) otherwise.</summary>
    public static TestProblem Random(LossKind loss, int rows, int cols, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * cols];
        for (int k = 0; k < features.Length; k++)
        {
            features[k] = (float)((random.NextDouble() * 3.0) - 1.0);
        }

        var weights = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            weights[j] = ((random.NextDouble() * 2.0) - 1.0) * 3.0 / Math.Sqrt(cols);
        }

        var labels = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            labels[i] = loss switch
            {
                LossKind.Logistic or LossKind.SquaredHinge => random.Next(2),
                LossKind.Poisson => random.Next(5),
                _ => (random.NextDouble() * 4.0) - 2.0,
            };
        }

        return new TestProblem(features, labels, weights, 0.25);
    }
}
