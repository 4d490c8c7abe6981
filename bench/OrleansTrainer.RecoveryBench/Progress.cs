using System.Diagnostics;

namespace OrleansTrainer.RecoveryBench;

/// <summary>Progress messages on stderr, stamped with the time since start and the wall clock (to match the silo logs).</summary>
internal static class Progress
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static void Say(string message) =>
        Console.Error.WriteLine($"[{Clock.Elapsed.TotalSeconds,6:F1}s {DateTime.Now:HH:mm:ss.fff}] {message}");
}
