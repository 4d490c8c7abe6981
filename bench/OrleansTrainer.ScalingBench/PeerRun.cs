using System.Text.Json;

namespace OrleansTrainer.ScalingBench;

/// <summary>The fields of one peer_bench.py <c>run</c> JSON object that the scaling benchmark compares with.</summary>
/// <param name="Task">peer_bench.py's task (<c>numpy-grad</c>, <c>sklearn-ridge</c>, <c>sklearn-logistic</c>).</param>
/// <param name="Seconds">Median of its timed repetitions.</param>
/// <param name="Threads">The thread limit it ran under.</param>
/// <param name="Objective">scikit-learn's objective at its solution, in scikit-learn's form (sums, not means); null for numpy-grad.</param>
/// <param name="Iterations">scikit-learn's <c>n_iter_</c>; null where the solver has none.</param>
/// <param name="Parameters">The task's parameters (alpha, C, ...), numbers only.</param>
internal sealed record PeerRun(string Task, double Seconds, int Threads, double? Objective, int? Iterations, IReadOnlyDictionary<string, double> Parameters)
{
    /// <summary>Reads a file holding one JSON object as <c>peer_bench.py run ... --json</c> prints it.</summary>
    public static PeerRun Read(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        double? Number(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        var parameters = root.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.EnumerateObject().Where(x => x.Value.ValueKind == JsonValueKind.Number).ToDictionary(x => x.Name, x => x.Value.GetDouble())
            : [];
        return new PeerRun(root.GetProperty("task").GetString()!, root.GetProperty("seconds").GetDouble(), root.GetProperty("threads").GetInt32(),
            Number(root, "objective"), (int?)Number(root, "n_iter"), parameters);
    }

    /// <summary>A parameter of the task, which must be there.</summary>
    public double Parameter(string name) =>
        Parameters.TryGetValue(name, out var value) ? value : throw new InvalidDataException($"peer {Task}: no numeric parameter {name}");
}
