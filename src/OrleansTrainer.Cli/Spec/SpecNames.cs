using OrleansTrainer.Abstractions;
using OrleansTrainer.Models;

namespace OrleansTrainer.Cli.Spec;

/// <summary>The names otrain gives the values of a job spec's choices, read from options and printed by every command.</summary>
public static class SpecNames
{
    /// <summary>Model families: the registry's names.</summary>
    public static readonly IReadOnlyDictionary<string, ModelKind> Models =
        ModelRegistry.All.ToDictionary(m => m.Name, m => m.Kind, StringComparer.OrdinalIgnoreCase);

    /// <summary>Solvers.</summary>
    public static readonly IReadOnlyDictionary<string, SolverKind> Solvers = Table(
        ("gd", SolverKind.GradientDescent), ("sgd", SolverKind.MiniBatchSgd), ("lbfgs", SolverKind.Lbfgs),
        ("normal", SolverKind.NormalEquations), ("local-sgd", SolverKind.LocalSgd));

    /// <summary>The blocks' update rules.</summary>
    public static readonly IReadOnlyDictionary<string, OptimizerKind> Optimizers = Table(
        ("sgd", OptimizerKind.Sgd), ("adagrad", OptimizerKind.AdaGrad), ("adam", OptimizerKind.Adam));

    /// <summary>Learning-rate schedules.</summary>
    public static readonly IReadOnlyDictionary<string, LearningRateScheduleKind> Schedules = Table(
        ("constant", LearningRateScheduleKind.Constant), ("inverse-sqrt", LearningRateScheduleKind.InverseSqrt));

    /// <summary>Consistency modes.</summary>
    public static readonly IReadOnlyDictionary<string, ConsistencyMode> Consistency = Table(
        ("bsp", ConsistencyMode.Bsp), ("ssp", ConsistencyMode.Ssp), ("async", ConsistencyMode.Async));

    /// <summary>How the work is split.</summary>
    public static readonly IReadOnlyDictionary<string, ParallelismMode> Parallelism = Table(
        ("data", ParallelismMode.DataParallel), ("block-coordinate", ParallelismMode.BlockCoordinate));

    /// <summary>Which features each weight block owns.</summary>
    public static readonly IReadOnlyDictionary<string, WeightPartition> Partitions = Table(
        ("range", WeightPartition.Range), ("hash", WeightPartition.Hash));

    /// <summary>
    /// Every value's C# name (<c>GradientDescent</c>) with otrain's name (<c>gd</c>), for messages from the cluster,
    /// which name the C# values.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, string>> CSharpToCli =>
        Pairs(Models).Concat(Pairs(Solvers)).Concat(Pairs(Optimizers)).Concat(Pairs(Schedules)).Concat(Pairs(Consistency))
            .Concat(Pairs(Parallelism)).Concat(Pairs(Partitions));

    /// <summary>otrain's name of a model family.</summary>
    public static string NameOf(ModelKind value) => Name(Models, value);

    /// <summary>otrain's name of a solver.</summary>
    public static string NameOf(SolverKind value) => Name(Solvers, value);

    /// <summary>otrain's name of an update rule.</summary>
    public static string NameOf(OptimizerKind value) => Name(Optimizers, value);

    /// <summary>otrain's name of a learning-rate schedule.</summary>
    public static string NameOf(LearningRateScheduleKind value) => Name(Schedules, value);

    /// <summary>otrain's name of a consistency mode.</summary>
    public static string NameOf(ConsistencyMode value) => Name(Consistency, value);

    /// <summary>otrain's name of a parallelism mode.</summary>
    public static string NameOf(ParallelismMode value) => Name(Parallelism, value);

    /// <summary>otrain's name of a weight partition.</summary>
    public static string NameOf(WeightPartition value) => Name(Partitions, value);

    /// <summary>The names of <paramref name="names"/> as an error message lists them: <c>a, b, c</c>.</summary>
    public static string List<T>(IReadOnlyDictionary<string, T> names) => string.Join(", ", names.Keys);

    private static Dictionary<string, T> Table<T>(params (string Name, T Value)[] entries) =>
        entries.ToDictionary(e => e.Name, e => e.Value, StringComparer.OrdinalIgnoreCase);

    private static string Name<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct, Enum =>
        names.First(n => EqualityComparer<T>.Default.Equals(n.Value, value)).Key;

    private static IEnumerable<KeyValuePair<string, string>> Pairs<T>(IReadOnlyDictionary<string, T> names) where T : struct, Enum =>
        names.Select(n => KeyValuePair.Create(n.Value.ToString(), n.Key));
}
