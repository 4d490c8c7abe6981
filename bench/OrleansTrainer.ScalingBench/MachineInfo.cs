using System.Runtime.InteropServices;

namespace OrleansTrainer.ScalingBench;

/// <summary>The machine the figures were measured on, as one JSON line.</summary>
internal static class MachineInfo
{
    public static void Print() => new Figure("scaling_machine", Environment.ProcessorCount, "processors", new Dictionary<string, object?>
    {
        ["cpu"] = CpuModel(),
        ["memory_gib"] = Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (double)(1L << 30), 1),
        ["os"] = RuntimeInformation.OSDescription,
        ["runtime"] = RuntimeInformation.FrameworkDescription,
        ["utc"] = DateTime.UtcNow.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
    }).Print();

    private static string? CpuModel()
    {
        const string file = "/proc/cpuinfo";
        return File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
    }
}
