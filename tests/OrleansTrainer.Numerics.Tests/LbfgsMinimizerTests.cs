using OrleansTrainer.Numerics;
using Xunit.Abstractions;

namespace OrleansTrainer.Numerics.Tests;

/// <summary>L-BFGS and OWL-QN on hand-made functions: the first step, convergence, stopping, failing, persistence and misuse.</summary>
public class LbfgsMinimizerTests(ITestOutputHelper output)
{
    [Fact]
    public void FirstTrial_MovesUnitLengthAlongTheNegativeGradient()
    {
        // f = (1/2)(x0^2 + 10 x1^2 + 100 x2^2) at [1, 1, 1]: g = [1, 10, 100], |g| = 100.504...
        var minimizer = new LbfgsMinimizer(new LbfgsOptions(), [1, 1, 1]);
        Assert.Equal(LbfgsStatus.NeedEvaluation, minimizer.Observe(55.5, [1, 10, 100]));

        double norm = Math.Sqrt(1 + 100 + 10_000);
        Assertions.NormwiseClose([1 - (1 / norm), 1 - (10 / norm), 1 - (100 / norm)], minimizer.PointToEvaluate, 1e-15);
        Assert.Equal(55.5, minimizer.CurrentObjective);
        Assert.Equal(100.0, minimizer.CurrentGradientNorm);
        Assert.Equal(0, minimizer.Iterations);
        Assert.Equal(1, minimizer.Evaluations);
    }

    [Fact]
    public void Rosenbrock_ConvergesToItsMinimum()
    {
        var minimizer = Drive(new LbfgsMinimizer(new LbfgsOptions(), [-1.2, 1]), Rosenbrock);
        output.WriteLine($"{minimizer.StopReason} iterations {minimizer.Iterations}, evaluations {minimizer.Evaluations}");

        Assert.Equal(LbfgsStatus.Converged, minimizer.Status);
        Assert.True(minimizer.CurrentGradientNorm <= 1e-8);
        Assertions.NormwiseClose([1, 1], minimizer.Current, 1e-8);
    }

    [Fact]
    public void WithoutMemory_DescendsAlongTheGradientFromTwiceTheLastStep()
    {
        // f = (1/2)(x0^2 + 4 x1^2) from [2, 1]: g = [2, 4], first trial at step 1 / |g| (|g| = sqrt(20) > 1).
        var minimizer = new LbfgsMinimizer(new LbfgsOptions { Memory = 0 }, [2, 1]);
        minimizer.Observe(4, [2, 4]);
        double step = 1 / Math.Sqrt(20);
        Assertions.NormwiseClose([2 - (2 * step), 1 - (4 * step)], minimizer.PointToEvaluate, 1e-15);

        // Accepted (f drops from 4 to about 1.9); the next trial starts at step 2 / sqrt(20) along the new −g.
        double[] x = [.. minimizer.PointToEvaluate];
        minimizer.Observe(0.5 * ((x[0] * x[0]) + (4 * x[1] * x[1])), [x[0], 4 * x[1]]);
        Assert.Equal(1, minimizer.Iterations);
        Assertions.NormwiseClose([x[0] - (2 * step * x[0]), x[1] - (2 * step * 4 * x[1])], minimizer.PointToEvaluate, 1e-15);

        var finished = Drive(minimizer, (p, g) =>
        {
            g[0] = p[0];
            g[1] = 4 * p[1];
            return 0.5 * ((p[0] * p[0]) + (4 * p[1] * p[1]));
        });
        output.WriteLine($"{finished.StopReason} iterations {finished.Iterations}, evaluations {finished.Evaluations}");
        Assert.Equal(LbfgsStatus.Converged, finished.Status);
        var restored = LbfgsMinimizer.FromSnapshot(new LbfgsOptions { Memory = 0 }, finished.ToSnapshot());
        Assert.Equal(0, restored.ToSnapshot().PairCount);
        Assertions.BitIdentical(finished.Current, restored.Current);
    }

    [Fact]
    public void RelativeTolerance_StopsOnceTheObjectiveStalls()
    {
        var minimizer = Drive(new LbfgsMinimizer(new LbfgsOptions { RelativeTolerance = 1e-3, GradientTolerance = 0 }, [-1.2, 1]), Rosenbrock);

        Assert.Equal(LbfgsStatus.Converged, minimizer.Status);
        Assert.Contains("relative", minimizer.StopReason, StringComparison.Ordinal);
        Assert.True(minimizer.CurrentGradientNorm > 1e-8);
    }

    [Theory]
    [InlineData(1e-6)]
    [InlineData(1.0)]
    [InlineData(1e6)]
    public void RelativeGradientTolerance_StopsAtTheSamePrecisionWhateverTheObjectivesScale(double scale)
    {
        var options = new LbfgsOptions { RelativeGradientTolerance = 1e-9, GradientTolerance = 0 };
        Func<double[], double[], double> scaled = (x, g) =>
        {
            double value = Rosenbrock(x, g);
            g[0] *= scale;
            g[1] *= scale;
            return value * scale;
        };
        var minimizer = LbfgsMinimizer.FromSnapshot(options, new LbfgsMinimizer(options, [-1.2, 1]).ToSnapshot());
        var gradient = new double[2];
        while (minimizer.Status == LbfgsStatus.NeedEvaluation)
        {
            minimizer.Observe(scaled(minimizer.PointToEvaluate, gradient), gradient);
            minimizer = LbfgsMinimizer.FromSnapshot(options, minimizer.ToSnapshot());
        }

        output.WriteLine($"{minimizer.StopReason} iterations {minimizer.Iterations}");
        Assert.Equal(LbfgsStatus.Converged, minimizer.Status);
        Assert.Contains("at the start", minimizer.StopReason, StringComparison.Ordinal);
        var start = new double[2];
        scaled([-1.2, 1], start);
        Assert.Equal(Math.Max(Math.Abs(start[0]), Math.Abs(start[1])), minimizer.StartGradientNorm);
        Assert.True(minimizer.CurrentGradientNorm <= 1e-9 * minimizer.StartGradientNorm);
        Assert.True(Math.Abs(minimizer.Current[0] - 1) + Math.Abs(minimizer.Current[1] - 1) < 1e-7, $"{minimizer.Current[0]}, {minimizer.Current[1]}");
    }

    [Fact]
    public void LyingGradient_Fails_KeepingTheStartPoint()
    {
        // f = |x|^2 but the reported gradient is −2x, uphill: no step along it decreases f. Every trial's cubic puts the
        // minimum behind the start, so each shortens the step tenfold from 1 / |d| = 0.2236 until, at 2.2e-17 (trial 17),
        // it no longer moves the point.
        double[] start = [1, -2];
        var minimizer = Drive(new LbfgsMinimizer(new LbfgsOptions(), start), (x, g) =>
        {
            g[0] = -2 * x[0];
            g[1] = -2 * x[1];
            return (x[0] * x[0]) + (x[1] * x[1]);
        });
        output.WriteLine(minimizer.StopReason);

        Assert.Equal(LbfgsStatus.Failed, minimizer.Status);
        Assert.Contains("too short to move the point", minimizer.StopReason, StringComparison.Ordinal);
        Assert.Equal(1 + 17, minimizer.Evaluations);
        Assert.Equal(0, minimizer.Iterations);
        Assertions.BitIdentical(start, minimizer.Current);
        Assert.Equal(5.0, minimizer.CurrentObjective);
    }

    [Fact]
    public void ObjectiveThatStopsDecreasing_FailsAfterRetryingAlongTheSteepestDescent()
    {
        // Rosenbrock until 3 steps are accepted, then every point is worse than the last accepted one: the search with
        // the kept pairs gives up (40 trials), the pairs are dropped, the steepest-descent search gives up too (40 more).
        double frozen = double.NaN;
        int evaluationsWhenFrozen = 0;
        var minimizer = new LbfgsMinimizer(new LbfgsOptions(), [-1.2, 1]);
        Drive(minimizer, (x, g) =>
        {
            double value = Rosenbrock(x, g);
            if (minimizer.Iterations < 3)
            {
                return value;
            }

            if (double.IsNaN(frozen))
            {
                frozen = minimizer.CurrentObjective;
                evaluationsWhenFrozen = minimizer.Evaluations;
            }

            return frozen + 1;
        });

        Assert.Equal(LbfgsStatus.Failed, minimizer.Status);
        Assert.Contains("steepest-descent", minimizer.StopReason, StringComparison.Ordinal);
        Assert.Equal(3, minimizer.Iterations);
        Assert.Equal(evaluationsWhenFrozen + 80, minimizer.Evaluations);
        Assertions.BitIdentical(frozen, minimizer.CurrentObjective);
    }

    [Fact]
    public void NonFiniteStart_Fails()
    {
        var minimizer = new LbfgsMinimizer(new LbfgsOptions(), [1, 2]);

        Assert.Equal(LbfgsStatus.Failed, minimizer.Observe(double.PositiveInfinity, [1, 1]));
        Assert.Contains("start point", minimizer.StopReason, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => minimizer.Observe(1, [1, 1]));
    }

    [Fact]
    public void NonFiniteTrial_IsShortened()
    {
        // f = x^2 from x = 4: the first trial (step 1/8, x = 3) reports NaN and is halved to x = 3.5.
        var minimizer = new LbfgsMinimizer(new LbfgsOptions(), [4]);
        minimizer.Observe(16, [8]);
        Assert.Equal(3.0, minimizer.PointToEvaluate[0]);

        Assert.Equal(LbfgsStatus.NeedEvaluation, minimizer.Observe(double.NaN, [6]));
        Assert.Equal(3.5, minimizer.PointToEvaluate[0]);
        Assert.Equal(0, minimizer.Iterations);
    }

    [Fact]
    public void OrthantWise_StopsExactlyAtZero()
    {
        // f = (1/2)(x0 − 1)^2 + (1/2)(x1 + 0.2)^2 + 0.5 (|x0| + |x1|): x0 = 0.5, and x1 = 0 because |f'(0)| = 0.2 < 0.5.
        var minimizer = Drive(new LbfgsMinimizer(new LbfgsOptions { L1 = 0.5 }, [2, 3]), (x, g) =>
        {
            g[0] = x[0] - 1;
            g[1] = x[1] + 0.2;
            return (0.5 * g[0] * g[0]) + (0.5 * g[1] * g[1]);
        });

        Assert.Equal(LbfgsStatus.Converged, minimizer.Status);
        Assert.Equal(0.0, minimizer.Current[1]);
        Assert.Equal(0.5, minimizer.Current[0], 12);
        Assert.Equal(0.125 + 0.02 + 0.25, minimizer.CurrentObjective, 12);
    }

    [Fact]
    public void SnapshotAfterEveryObservation_ContinuesBitIdentically()
    {
        var options = new LbfgsOptions { Memory = 3, L1 = 0.05, L1Scale = [1, 1, 1, 0] };
        double[] start = [2, -3, 0.5, 1];
        var straight = Drive(new LbfgsMinimizer(options, start), Quartic);

        var resumed = LbfgsMinimizer.FromSnapshot(options, new LbfgsMinimizer(options, start).ToSnapshot());
        var gradient = new double[start.Length];
        while (resumed.Status == LbfgsStatus.NeedEvaluation)
        {
            double value = Quartic(resumed.PointToEvaluate, gradient);
            resumed.Observe(value, gradient);
            resumed = LbfgsMinimizer.FromSnapshot(options, resumed.ToSnapshot());
        }

        output.WriteLine($"{straight.StopReason} iterations {straight.Iterations}, evaluations {straight.Evaluations}");
        Assert.Equal(LbfgsStatus.Converged, straight.Status);
        Assert.True(straight.Iterations > options.Memory, "the ring of pairs should wrap");
        Assert.Equal(straight.Status, resumed.Status);
        Assert.Equal(straight.StopReason, resumed.StopReason);
        Assert.Equal(straight.Iterations, resumed.Iterations);
        Assert.Equal(straight.Evaluations, resumed.Evaluations);
        Assertions.BitIdentical(straight.Current, resumed.Current);
        Assertions.BitIdentical(straight.CurrentObjective, resumed.CurrentObjective);
        Assertions.BitIdentical(straight.CurrentGradientNorm, resumed.CurrentGradientNorm);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.05)]
    public void A_snapshot_without_vectors_given_back_the_point_its_gradient_and_the_accepted_points_restores_the_same_minimizer(double l1)
    {
        // Rebuilt after every observation, as the trainer does: the pairs from the accepted points they join, the
        // direction chosen and the point to evaluate placed again. Each restored minimizer must hold the very bits of the one that took the snapshot.
        var options = new LbfgsOptions { Memory = 3, L1 = l1, L1Scale = [1, 1, 1, 0] };
        var minimizer = new LbfgsMinimizer(options, [2, -3, 0.5, 1]);
        var gradient = new double[4];
        var accepted = new Dictionary<long, (double[] Point, double[] Gradient)>();
        var restoredMidSearch = 0;
        var steepest = 0;
        while (minimizer.Status == LbfgsStatus.NeedEvaluation)
        {
            var iterations = minimizer.Iterations;
            minimizer.Observe(Quartic(minimizer.PointToEvaluate, gradient), gradient);
            var shortened = minimizer.Evaluations > 1 && minimizer.Iterations == iterations && minimizer.Status == LbfgsStatus.NeedEvaluation;
            accepted[minimizer.Iterations] = (minimizer.Current.ToArray(), minimizer.CurrentGradient.ToArray());
            var light = minimizer.ToSnapshot(withVectors: false);
            Assert.All([light.Current, light.CurrentGradient, light.Direction, light.PointToEvaluate, light.PairSteps, light.PairGradientChanges], Assert.Empty);
            (light.Current, light.CurrentGradient) = (minimizer.Current.ToArray(), minimizer.CurrentGradient.ToArray());
            foreach (var slot in light.UsedSlots())
            {
                var (older, newer) = (accepted[light.PairOrigins[slot]], accepted[light.PairOrigins[slot] + 1]);
                light.RebuildPair(slot, older.Point, newer.Point, older.Gradient, newer.Gradient);
            }

            var restored = LbfgsMinimizer.FromSnapshot(options, light);
            AssertSameState(minimizer.ToSnapshot(), restored.ToSnapshot());
            restoredMidSearch += shortened ? 1 : 0;
            steepest += light.Status == LbfgsStatus.NeedEvaluation && light.DirectionIsSteepestDescent ? 1 : 0;
            minimizer = restored;
        }

        output.WriteLine($"L1 {l1}: {minimizer.StopReason}; {minimizer.Evaluations} evaluations, {restoredMidSearch} restored after a shortened step, {steepest} along −v");
        Assert.Equal(LbfgsStatus.Converged, minimizer.Status);
        Assert.True(minimizer.Iterations > options.Memory, "the ring of pairs should wrap");
        Assert.True(restoredMidSearch > 0, "some restore should land in a line search that shortened its step (or dropped its pairs)");
        var straight = Drive(new LbfgsMinimizer(options, [2, -3, 0.5, 1]), Quartic);
        Assert.Equal(straight.Evaluations, minimizer.Evaluations);
        Assertions.BitIdentical(straight.Current, minimizer.Current);
    }

    [Fact]
    public void A_direction_that_fell_back_to_steepest_descent_is_chosen_again_as_minus_the_gradient()
    {
        // The fallback needs a pair set that gives no descent direction, which a positive-definite memory never does;
        // the snapshot is made to say so, as one taken after it would (the fallback drops the pairs). With a known
        // curvature the empty memory's own direction would be −v scaled, so only the fallback gives −v itself.
        var options = new LbfgsOptions { Memory = 3, QuadraticCurvature = [1, 2, 3, 4] };
        var minimizer = new LbfgsMinimizer(options, [2, -3, 0.5, 1]);
        var gradient = new double[4];
        for (var i = 0; i < 4; i++)
        {
            minimizer.Observe(Quartic(minimizer.PointToEvaluate, gradient), gradient);
        }

        var light = minimizer.ToSnapshot(withVectors: false);
        (light.Current, light.CurrentGradient, light.PairCount, light.NextPair, light.DirectionIsSteepestDescent) =
            (minimizer.Current.ToArray(), minimizer.CurrentGradient.ToArray(), 0, 0, true);

        var restored = LbfgsMinimizer.FromSnapshot(options, light);

        Assert.Equal(LbfgsStatus.NeedEvaluation, restored.Status);
        Assert.True(restored.DirectionIsSteepestDescent);
        Assertions.BitIdentical([.. minimizer.CurrentGradient.ToArray().Select(g => -g)], restored.ToSnapshot().Direction);
    }

    /// <summary>
    /// Two snapshots hold the same state: every scalar, the vectors, and the pairs in the slots in use (a free slot may
    /// hold an old pair); the line search and the point to evaluate only while a search runs (see <see cref="LbfgsMinimizer.ToSnapshot"/>).
    /// </summary>
    private static void AssertSameState(LbfgsSnapshot expected, LbfgsSnapshot actual)
    {
        Assert.Equal((expected.Status, expected.StopReason, expected.Iterations, expected.Evaluations, expected.PairCount, expected.NextPair, expected.PairsAdded),
            (actual.Status, actual.StopReason, actual.Iterations, actual.Evaluations, actual.PairCount, actual.NextPair, actual.PairsAdded));
        Assertions.BitIdentical([expected.CurrentObjective, expected.CurrentGradientNorm, expected.StartGradientNorm],
            [actual.CurrentObjective, actual.CurrentGradientNorm, actual.StartGradientNorm]);
        Assertions.BitIdentical(expected.Current, actual.Current);
        Assertions.BitIdentical(expected.CurrentGradient, actual.CurrentGradient);
        if (expected.Status == LbfgsStatus.NeedEvaluation)
        {
            Assertions.BitIdentical(expected.Direction, actual.Direction);
            Assert.Equal(expected.DirectionIsSteepestDescent, actual.DirectionIsSteepestDescent);
            Assertions.BitIdentical([expected.LineSearchStartValue, expected.LineSearchStep], [actual.LineSearchStartValue, actual.LineSearchStep]);
            Assert.Equal(expected.LineSearchTrials, actual.LineSearchTrials);
            Assertions.BitIdentical(expected.PointToEvaluate, actual.PointToEvaluate);
        }

        var n = expected.Current.Length;
        foreach (var slot in expected.UsedSlots())
        {
            Assert.Equal((expected.PairGenerations[slot], expected.PairOrigins[slot]), (actual.PairGenerations[slot], actual.PairOrigins[slot]));
            Assertions.BitIdentical(expected.PairInverseCurvatures[slot], actual.PairInverseCurvatures[slot]);
            Assertions.BitIdentical(expected.PairSteps.AsSpan(slot * n, n), actual.PairSteps.AsSpan(slot * n, n));
            Assertions.BitIdentical(expected.PairGradientChanges.AsSpan(slot * n, n), actual.PairGradientChanges.AsSpan(slot * n, n));
        }
    }

    [Fact]
    public void Snapshot_SharesNoArrayWithTheMinimizer()
    {
        var minimizer = new LbfgsMinimizer(new LbfgsOptions(), [1, 2]);
        minimizer.Observe(5, [2, 4]);
        var snapshot = minimizer.ToSnapshot();
        snapshot.Current[0] = 99;
        snapshot.PointToEvaluate[0] = 99;

        Assert.Equal(1.0, minimizer.Current[0]);
        Assert.NotEqual(99.0, minimizer.PointToEvaluate[0]);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => new LbfgsMinimizer(new LbfgsOptions(), []));
        Assert.Throws<ArgumentException>(() => new LbfgsMinimizer(new LbfgsOptions(), [double.NaN]));
        Assert.Throws<ArgumentException>(() => new LbfgsMinimizer(new LbfgsOptions { L1Scale = [1, 1] }, [1, 2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsMinimizer(new LbfgsOptions { Memory = -1 }, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsMinimizer(new LbfgsOptions { L1 = -1 }, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsMinimizer(new LbfgsOptions { L1Scale = [-1] }, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsMinimizer(new LbfgsOptions { ArmijoC1 = 1 }, [1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LbfgsMinimizer(new LbfgsOptions { MaxLineSearchSteps = 0 }, [1]));

        var minimizer = new LbfgsMinimizer(new LbfgsOptions { Memory = 4 }, [1, 2]);
        Assert.Throws<ArgumentException>(() => minimizer.Observe(1, [1]));
        Assert.Throws<ArgumentException>(() => LbfgsMinimizer.FromSnapshot(new LbfgsOptions { Memory = 5 }, minimizer.ToSnapshot()));
    }

    /// <summary>Drives <paramref name="minimizer"/> on <paramref name="function"/> (value returned, gradient written) until it stops.</summary>
    private static LbfgsMinimizer Drive(LbfgsMinimizer minimizer, Func<double[], double[], double> function)
    {
        var gradient = new double[minimizer.PointToEvaluate.Length];
        while (minimizer.Status == LbfgsStatus.NeedEvaluation && minimizer.Evaluations < 10_000)
        {
            double value = function(minimizer.PointToEvaluate, gradient);
            minimizer.Observe(value, gradient);
        }

        return minimizer;
    }

    /// <summary>(1 − x0)^2 + 100 (x1 − x0^2)^2.</summary>
    private static double Rosenbrock(double[] x, double[] g)
    {
        double a = 1 - x[0];
        double b = x[1] - (x[0] * x[0]);
        g[0] = (-2 * a) - (400 * x[0] * b);
        g[1] = 200 * b;
        return (a * a) + (100 * b * b);
    }

    /// <summary>sum_j (j + 1) (x_j − c_j)^4 / 4 + (1/2) |x − c|^2 + x0 x1 with c = [1, −0.01, 0.5, 2]: smooth, convex, not quadratic.</summary>
    private static double Quartic(double[] x, double[] g)
    {
        double[] c = [1, -0.01, 0.5, 2];
        double value = x[0] * x[1];
        for (int j = 0; j < x.Length; j++)
        {
            double d = x[j] - c[j];
            value += ((j + 1) * d * d * d * d / 4) + (0.5 * d * d);
            g[j] = ((j + 1) * d * d * d) + d;
        }

        g[0] += x[1];
        g[1] += x[0];
        return value;
    }
}
