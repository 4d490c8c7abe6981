using System.Diagnostics;
using System.Text;

namespace OrleansTrainer.LocalCluster;

/// <summary>A child process whose output is kept (last lines) and optionally echoed, and which can be killed or stopped gracefully.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _tail = new();
    private readonly Action<string>? _echo;

    private ChildProcess(Process process, string name, Action<string>? echo)
    {
        _process = process;
        Name = name;
        _echo = echo;
    }

    /// <summary>A short name used in messages.</summary>
    public string Name { get; }

    /// <summary>The OS process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit status once the process has exited, else null.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts a process with the given arguments and extra environment variables.</summary>
    public static ChildProcess Start(string name, string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment = null, Action<string>? echo = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name, echo);
        process.OutputDataReceived += (_, e) => child.Record(e.Data);
        process.ErrorDataReceived += (_, e) => child.Record(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name} ({fileName}).");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The last lines the process printed.</summary>
    public string Tail()
    {
        lock (_tail)
        {
            var text = new StringBuilder();
            foreach (var line in _tail)
            {
                text.AppendLine(line);
            }

            return text.ToString();
        }
    }

    /// <summary>
    /// When the process has exited: waits until its output has been read to the end and returns the last lines (the
    /// exit is seen before the output pipes are drained, so a plain <see cref="Tail"/> can miss the last words). Null while
    /// it runs.
    /// </summary>
    public string? TailIfExited()
    {
        if (!_process.HasExited)
        {
            return null;
        }

        _process.WaitForExit();
        return Tail();
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>
    /// Asks the process to stop (SIGTERM) and waits; kills it if it has not exited within <paramref name="timeout"/>.
    /// Returns whether it exited by itself (true also when it had already exited).
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return true;
        }

        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tail)
        {
            _tail.Enqueue(line);
            if (_tail.Count > KeptLines)
            {
                _tail.Dequeue();
            }
        }

        _echo?.Invoke($"[{Name}] {line}");
    }
}
