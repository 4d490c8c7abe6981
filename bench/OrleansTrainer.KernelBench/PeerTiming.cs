using System.Text.Json;

namespace OrleansTrainer.KernelBench;

/// <summary>One `peer_bench.py run numpy-grad --json` result: the median (and fastest) pass time on one file at one thread count.</summary>
internal sealed record PeerTiming(string Dtype, int Threads, double Ms, double MinMs, long MatrixBytes, double GradientL2, string Blas)
{
    public static IReadOnlyList<PeerTiming> Load(string path) =>
        File.ReadLines(path).Where(line => line.StartsWith('{')).Select(Parse).ToList();

    private static PeerTiming Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var blas = root.GetProperty("blas_kernel");
        return new PeerTiming(
            root.GetProperty("data").GetProperty("dtype").GetString()!,
            root.GetProperty("threads").GetInt32(),
            root.GetProperty("seconds").GetDouble() * 1e3,
            root.GetProperty("seconds_all").EnumerateArray().Min(s => s.GetDouble()) * 1e3,
            root.GetProperty("matrix_bytes").GetInt64(),
            root.GetProperty("grad_l2").GetDouble(),
            blas.ValueKind == JsonValueKind.String ? blas.GetString()! : "not detected by threadpoolctl");
    }
}
