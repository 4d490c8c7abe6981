namespace OrleansTrainer.Grains.Tests;

public class ModelTransformTests
{
    private const int Cols = 4;

    public static TheoryData<int, bool> Layouts() => new() { { 1, true }, { 1, false }, { 3, true }, { 3, false } };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ToRaw_PredictsWhatTheSolverModelPredicts(int outputs, bool fitIntercept)
    {
        var layout = new ParameterLayout(Cols, outputs, fitIntercept);
        var scaling = Scaling();
        var parameters = Vector(layout.Length, seed: 1);
        var rawWeights = new double[layout.WeightCount];
        var rawIntercepts = new double[outputs];

        ModelTransform.ToRaw(layout, parameters, scaling, rawWeights, rawIntercepts);

        var random = new Random(2);
        for (var trial = 0; trial < 5; trial++)
        {
            var x = Enumerable.Range(0, Cols).Select(_ => (random.NextDouble() * 20) - 10).ToArray();
            for (var k = 0; k < outputs; k++)
            {
                // f(x) = Σ_j (x_j − mean_j)/scale_j · v_j + c in solver coordinates.
                var solver = fitIntercept ? parameters[layout.InterceptIndex(k)] : 0.0;
                var raw = rawIntercepts[k];
                for (var j = 0; j < Cols; j++)
                {
                    solver += (x[j] - scaling.Mean[j]) / scaling.Scale[j] * parameters[(k * Cols) + j];
                    raw += x[j] * rawWeights[(k * Cols) + j];
                }

                Assert.Equal(solver, raw, 1e-11);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void ToSolver_UndoesToRaw(int outputs, bool fitIntercept)
    {
        var layout = new ParameterLayout(Cols, outputs, fitIntercept);
        var parameters = Vector(layout.Length, seed: 3);
        var rawWeights = new double[layout.WeightCount];
        var rawIntercepts = new double[outputs];
        var back = new double[layout.Length];

        ModelTransform.ToRaw(layout, parameters, Scaling(), rawWeights, rawIntercepts);
        ModelTransform.ToSolver(layout, rawWeights, rawIntercepts, Scaling(), back);

        for (var i = 0; i < layout.Length; i++)
        {
            Assert.Equal(parameters[i], back[i], 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void WithoutScaling_BothCoordinatesAreTheSame(int outputs, bool fitIntercept)
    {
        var layout = new ParameterLayout(Cols, outputs, fitIntercept);
        var parameters = Vector(layout.Length, seed: 4);
        var rawWeights = new double[layout.WeightCount];
        var rawIntercepts = new double[outputs];
        var back = new double[layout.Length];
        var gradient = new double[layout.Length];
        var interceptGradient = Vector(outputs, seed: 5);

        ModelTransform.ToRaw(layout, parameters, null, rawWeights, rawIntercepts);
        ModelTransform.ToSolver(layout, rawWeights, rawIntercepts, null, back);
        ModelTransform.ToSolverGradient(layout, rawWeights, interceptGradient, null, gradient);

        Bits.Identical(parameters.AsSpan(0, layout.WeightCount), rawWeights);
        Bits.Identical(fitIntercept ? parameters.AsSpan(layout.WeightCount) : new double[outputs], rawIntercepts);
        Bits.Identical(parameters, back);
        Bits.Identical([.. rawWeights, .. fitIntercept ? interceptGradient : []], gradient);
    }

    /// <summary>
    /// F(p) = L(ToRaw(p)) with L(w, b) = Σ_i Σ_k ½(w_k·x_i + b_k − y_ik)²: ToSolverGradient of L's raw gradient is ∇F,
    /// checked against central differences of F.
    /// </summary>
    [Theory]
    [MemberData(nameof(Layouts))]
    public void ToSolverGradient_MatchesFiniteDifferences(int outputs, bool fitIntercept)
    {
        var layout = new ParameterLayout(Cols, outputs, fitIntercept);
        var scaling = Scaling();
        var random = new Random(6);
        var x = Enumerable.Range(0, 9).Select(_ => Enumerable.Range(0, Cols).Select(j => scaling.Mean[j] + (scaling.Scale[j] * (random.NextDouble() - 0.5))).ToArray()).ToArray();
        var y = Enumerable.Range(0, x.Length).Select(_ => Vector(outputs, random.Next())).ToArray();
        var parameters = Vector(layout.Length, seed: 7);

        var rawWeights = new double[layout.WeightCount];
        var rawIntercepts = new double[outputs];
        ModelTransform.ToRaw(layout, parameters, scaling, rawWeights, rawIntercepts);
        var rawGradient = new double[layout.WeightCount];
        var interceptGradient = new double[outputs];
        for (var i = 0; i < x.Length; i++)
        {
            for (var k = 0; k < outputs; k++)
            {
                var r = Predict(x[i], rawWeights, rawIntercepts, k) - y[i][k];
                interceptGradient[k] += r;
                for (var j = 0; j < Cols; j++)
                {
                    rawGradient[(k * Cols) + j] += r * x[i][j];
                }
            }
        }

        var solverGradient = new double[layout.Length];
        ModelTransform.ToSolverGradient(layout, rawGradient, interceptGradient, scaling, solverGradient);

        double Objective(double[] p)
        {
            var w = new double[layout.WeightCount];
            var b = new double[outputs];
            ModelTransform.ToRaw(layout, p, scaling, w, b);
            return x.Select((row, i) => Enumerable.Range(0, outputs).Sum(k => 0.5 * Math.Pow(Predict(row, w, b, k) - y[i][k], 2))).Sum();
        }

        for (var i = 0; i < layout.Length; i++)
        {
            const double h = 1e-5;
            var plus = (double[])parameters.Clone();
            var minus = (double[])parameters.Clone();
            plus[i] += h;
            minus[i] -= h;
            var difference = (Objective(plus) - Objective(minus)) / (2 * h);
            Assert.True(Math.Abs(difference - solverGradient[i]) <= 1e-6 * Math.Max(1, Math.Abs(difference)),
                $"parameter {i}: finite difference {difference:R}, transformed gradient {solverGradient[i]:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void PenaltyScales_PutThePenaltiesOnTheRawWeights(int outputs, bool fitIntercept)
    {
        var layout = new ParameterLayout(Cols, outputs, fitIntercept);
        var parameters = Vector(layout.Length, seed: 8);
        var rawWeights = new double[layout.WeightCount];
        ModelTransform.ToRaw(layout, parameters, Scaling(), rawWeights, new double[outputs]);

        var (l2, l1) = ModelTransform.PenaltyScales(layout, Scaling());

        Assert.Equal(layout.Length, l2.Length);
        Assert.Equal(layout.Length, l1.Length);
        Assert.Equal(rawWeights.Sum(w => w * w), parameters.Select((v, i) => l2[i] * v * v).Sum(), 1e-12);
        Assert.Equal(rawWeights.Sum(Math.Abs), parameters.Select((v, i) => l1[i] * Math.Abs(v)).Sum(), 1e-12);
        Assert.All(l2.Skip(layout.WeightCount).Concat(l1.Skip(layout.WeightCount)), scale => Assert.Equal(0.0, scale));
        var (unscaledL2, unscaledL1) = ModelTransform.PenaltyScales(layout, null);
        Assert.Equal([.. Enumerable.Repeat(1.0, layout.WeightCount), .. Enumerable.Repeat(0.0, layout.Length - layout.WeightCount)], unscaledL2);
        Assert.Equal(unscaledL2, unscaledL1);
    }

    [Fact]
    public void FeatureScaling_From_DividesConstantColumnsByOne()
    {
        var statistics = new OrleansTrainer.Abstractions.DatasetStatistics
        {
            FeatureMean = new OrleansTrainer.Abstractions.PackedVector { Bytes = OrleansTrainer.Numerics.DenseBuffers.ToBytes([1.5, -2.0, 3.0]) },
            FeatureStandardDeviation = new OrleansTrainer.Abstractions.PackedVector { Bytes = OrleansTrainer.Numerics.DenseBuffers.ToBytes([0.25, 0.0, double.NaN]) },
        };

        var scaling = FeatureScaling.From(statistics);

        Assert.Equal([1.5, -2.0, 3.0], scaling.Mean);
        Assert.Equal([0.25, 1.0, 1.0], scaling.Scale);
    }

    private static FeatureScaling Scaling() => new([1.5, -3.0, 0.25, 100.0], [2.0, 0.5, 1.0, 40.0]);

    private static double[] Vector(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (random.NextDouble() * 4) - 2).ToArray();
    }

    private static double Predict(double[] x, double[] weights, double[] intercepts, int k) =>
        intercepts[k] + x.Select((v, j) => v * weights[(k * Cols) + j]).Sum();
}
