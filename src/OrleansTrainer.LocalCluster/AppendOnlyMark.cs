namespace OrleansTrainer.LocalCluster;

/// <summary>
/// A position in a redis-server's append-only file (Redis 7's multi-part layout: the manifest in
/// <c>appendonlydir</c> names one incremental file, which grows with every write): the file and its length.
/// </summary>
/// <param name="IncrementalFile">The incremental file the manifest named.</param>
/// <param name="Length">Its length in bytes when the mark was taken.</param>
public sealed record AppendOnlyMark(string IncrementalFile, long Length)
{
    private const string Folder = "appendonlydir";

    /// <summary>The end of the incremental append-only file of the server whose data is in <paramref name="dataDirectory"/>.</summary>
    /// <exception cref="InvalidOperationException">The folder holds no append-only file.</exception>
    public static AppendOnlyMark Of(string dataDirectory)
    {
        var file = IncrementalFileOf(dataDirectory);
        return new AppendOnlyMark(file, new FileInfo(Path.Combine(dataDirectory, Folder, file)).Length);
    }

    /// <summary>
    /// Cuts the incremental file back to the mark (the server must be stopped). A command cut in half at the end is
    /// dropped by Redis when it loads the file (<c>aof-load-truncated yes</c>, its default).
    /// </summary>
    /// <exception cref="InvalidOperationException">Redis rewrote the file since the mark (it now names another one).</exception>
    public void CutBack(string dataDirectory)
    {
        var current = IncrementalFileOf(dataDirectory);
        if (current != IncrementalFile)
        {
            throw new InvalidOperationException($"Redis rewrote its append-only file since the mark ({IncrementalFile} → {current}); the mark no longer applies.");
        }

        using var stream = new FileStream(Path.Combine(dataDirectory, Folder, current), FileMode.Open, FileAccess.Write);
        stream.SetLength(Length);
    }

    private static string IncrementalFileOf(string dataDirectory)
    {
        var manifest = Path.Combine(dataDirectory, Folder, "appendonly.aof.manifest");
        var line = File.Exists(manifest)
            ? File.ReadLines(manifest).LastOrDefault(l => l.EndsWith(" type i", StringComparison.Ordinal))
            : null;
        return line?.Split(' ')[1] ?? throw new InvalidOperationException($"{manifest} names no incremental append-only file.");
    }
}
