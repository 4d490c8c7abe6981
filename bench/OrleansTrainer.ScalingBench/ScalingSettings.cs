using System.Globalization;

namespace OrleansTrainer.ScalingBench;

/// <summary>What the scaling benchmark runs, from <c>key=value</c> arguments.</summary>
/// <param name="DensePath">The dense float32 regression file (OTDS; 1M × 100 in the issue).</param>
/// <param name="SparsePath">The CSR logistic file (OTDS; 1M × 2^20, ~40 entries a row in the issue).</param>
/// <param name="NumpyGradJson">peer_bench.py's JSON of <c>numpy-grad</c> on the dense file: one full-batch gradient pass.</param>
/// <param name="RidgeJson">peer_bench.py's JSON of <c>sklearn-ridge</c> on the dense file; its alpha sets our L2 (alpha / n).</param>
/// <param name="LogisticJson">peer_bench.py's JSON of <c>sklearn-logistic</c> (lbfgs) on the sparse file; its C sets our L2 (1 / (C n)).</param>
/// <param name="SiloCounts">Silo processes per configuration, in order; the first is the baseline of the speedups.</param>
/// <param name="Rounds">Timed full-batch gradient rounds on the dense data per configuration.</param>
/// <param name="Iterations">The most L-BFGS iterations on the sparse data (scikit-learn runs with the same cap).</param>
/// <param name="SparseBlocks">Weight blocks of the sparse model (the dense model has one).</param>
internal sealed record ScalingSettings(
    string DensePath, string SparsePath, string NumpyGradJson, string RidgeJson, string LogisticJson, int[] SiloCounts, int Rounds,
    int Iterations, int SparseBlocks)
{
    /// <summary>The command line this program takes.</summary>
    public const string Usage =
        "usage: OrleansTrainer.ScalingBench dense=REG.otds sparse=CSR.otds numpy=NUMPY_GRAD.json ridge=RIDGE.json logistic=LOGISTIC.json " +
        "[silos=1,2,4,8] [rounds=20] [iterations=50] [sparse-blocks=4]";

    /// <summary>Reads <c>key=value</c> arguments; null (after saying why on stderr) when one is missing or unknown.</summary>
    public static ScalingSettings? Parse(IEnumerable<string> arguments)
    {
        var values = new Dictionary<string, string>();
        foreach (var argument in arguments)
        {
            var parts = argument.Split('=', 2);
            if (parts.Length != 2)
            {
                Console.Error.WriteLine($"not key=value: {argument}");
                return null;
            }

            values[parts[0]] = parts[1];
        }

        string[] required = ["dense", "sparse", "numpy", "ridge", "logistic"];
        string[] optional = ["silos", "rounds", "iterations", "sparse-blocks"];
        var unknown = values.Keys.Except(required).Except(optional).ToArray();
        var missing = required.Except(values.Keys).ToArray();
        if (unknown.Length > 0 || missing.Length > 0)
        {
            Console.Error.WriteLine($"unknown: {string.Join(", ", unknown)}; missing: {string.Join(", ", missing)}");
            return null;
        }

        int Int(string key, string fallback) => int.Parse(values.GetValueOrDefault(key, fallback), CultureInfo.InvariantCulture);
        var silos = values.GetValueOrDefault("silos", "1,2,4,8").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new ScalingSettings(values["dense"], values["sparse"], values["numpy"], values["ridge"], values["logistic"], silos,
            Int("rounds", "20"), Int("iterations", "50"), Int("sparse-blocks", "4"));
    }
}
