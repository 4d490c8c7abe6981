namespace OrleansTrainer.RecoveryBench;

/// <summary>Appends every line the cluster's processes print (prefixed with the process name) to a file, if one is given.</summary>
internal sealed class ClusterLog : IDisposable
{
    private readonly StreamWriter? _writer;

    public ClusterLog(string? path)
    {
        if (path is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            _writer = new StreamWriter(path, append: false) { AutoFlush = true };
        }
    }

    /// <summary>The echo callback for <see cref="LocalCluster.LocalTrainerCluster.StartAsync"/>; null when nothing is logged.</summary>
    public Action<string>? Echo => _writer is null ? null : Write;

    /// <summary>Writes a line of the benchmark's own (a kill, a recovery) so the file reads as one timeline.</summary>
    public void Mark(string message) => Write($"[bench] {DateTime.Now:HH:mm:ss.fff} {message}");

    public void Dispose() => _writer?.Dispose();

    private void Write(string line)
    {
        if (_writer is null)
        {
            return;
        }

        lock (_writer)
        {
            _writer.WriteLine(line);
        }
    }
}
