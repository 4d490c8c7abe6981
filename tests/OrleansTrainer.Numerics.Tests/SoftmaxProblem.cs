namespace OrleansTrainer.Numerics.Tests;

/// <summary>A random softmax problem: features in [-1, 2), class labels, K × cols weights of spread about 3.</summary>
internal sealed record SoftmaxProblem(float[] Features, double[] Labels, int Classes, double[] Weights, double[] Intercepts)
{
    public int Rows => Labels.Length;

    public int Cols => Weights.Length / Classes;

    public static SoftmaxProblem Random(int rows, int cols, int classes, int seed)
    {
        var random = new Random(seed);
        var features = new float[rows * cols];
        for (int k = 0; k < features.Length; k++)
        {
            features[k] = (float)((random.NextDouble() * 3.0) - 1.0);
        }

        var weights = new double[classes * cols];
        for (int k = 0; k < weights.Length; k++)
        {
            weights[k] = ((random.NextDouble() * 2.0) - 1.0) * 3.0 / Math.Sqrt(Math.Max(1, cols));
        }

        var intercepts = Enumerable.Range(0, classes).Select(k => 0.1 * k).ToArray();
        var labels = Enumerable.Range(0, rows).Select(_ => (double)random.Next(classes)).ToArray();
        return new SoftmaxProblem(features, labels, classes, weights, intercepts);
    }
}
