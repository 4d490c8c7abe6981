using System.Diagnostics;

namespace OrleansTrainer.LocalCluster;

/// <summary>Runs <c>redis-cli</c> (next to the redis-server binary, else on the PATH) to completion.</summary>
internal static class RedisCli
{
    /// <summary>Runs redis-cli with <paramref name="arguments"/> and returns what it printed.</summary>
    /// <exception cref="InvalidOperationException">It exited with a non-zero status.</exception>
    public static async Task<string> RunAsync(string serverExecutable, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Executable(serverExecutable))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"redis-cli {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}:\n{await output}{await error}");
    }

    private static string Executable(string serverExecutable)
    {
        var beside = Path.Combine(Path.GetDirectoryName(serverExecutable) ?? "", "redis-cli");
        return File.Exists(beside) ? beside : "redis-cli";
    }
}
