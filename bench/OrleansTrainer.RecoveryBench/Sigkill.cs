using System.Runtime.InteropServices;

namespace OrleansTrainer.RecoveryBench;

/// <summary>
/// Sends SIGKILL with one system call. <see cref="LocalCluster.SiloProcess.KillAsync"/> kills the whole process tree,
/// which first walks /proc and can take a hundred milliseconds — too coarse to time the kill by; the benchmark
/// signals the silo itself and then lets <c>KillAsync</c> reap it.
/// </summary>
internal static class Sigkill
{
    private const int SignalKill = 9;

    /// <summary>Kills process <paramref name="pid"/> at once.</summary>
    /// <exception cref="InvalidOperationException">The signal could not be sent.</exception>
    public static void Send(int pid)
    {
        if (Kill(pid, SignalKill) != 0)
        {
            throw new InvalidOperationException($"kill({pid}, SIGKILL) failed: errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport would need AllowUnsafeBlocks for one int-only call.
    private static extern int Kill(int pid, int signal);
#pragma warning restore SYSLIB1054
}
