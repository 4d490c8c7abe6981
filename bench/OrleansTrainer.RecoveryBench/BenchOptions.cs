using System.Globalization;

namespace OrleansTrainer.RecoveryBench;

/// <summary>The command line: <c>[--kills N] [--unwatched-kills N] [--phase-seconds S] [--settle-seconds S] [--rows N] [--cols N] [--shards N] [--log FILE]</c>.</summary>
internal sealed record BenchOptions
{
    /// <summary>How many silos are killed, one after another.</summary>
    public int Kills { get; init; } = 5;

    /// <summary>SIGKILLs of the trainer's silo in the second job, which no client calls; a whole-cluster restart follows them.</summary>
    public int UnwatchedKills { get; init; } = 3;

    /// <summary>
    /// Seconds of normal rounds planned between two kills (and after the last); sizes MaxRounds. A phase must hold a
    /// recovery, a new silo's start (a few seconds) and the settling time, or the job ends before the last kill.
    /// </summary>
    public double PhaseSeconds { get; init; } = 10;

    /// <summary>Seconds to wait after a replacement silo has joined before the next kill.</summary>
    public double SettleSeconds { get; init; } = 3;

    /// <summary>Rows of the synthetic dataset.</summary>
    public int Rows { get; init; } = 50_000;

    /// <summary>Features of the synthetic dataset.</summary>
    public int Cols { get; init; } = 20;

    /// <summary>Data shards.</summary>
    public int Shards { get; init; } = 6;

    /// <summary>A file receiving every line the silos and Redis print; none when null.</summary>
    public string? LogPath { get; init; }

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An unknown option or a missing value.</exception>
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--kills" => options with { Kills = int.Parse(value, CultureInfo.InvariantCulture) },
                "--unwatched-kills" => options with { UnwatchedKills = int.Parse(value, CultureInfo.InvariantCulture) },
                "--phase-seconds" => options with { PhaseSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--settle-seconds" => options with { SettleSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--rows" => options with { Rows = int.Parse(value, CultureInfo.InvariantCulture) },
                "--cols" => options with { Cols = int.Parse(value, CultureInfo.InvariantCulture) },
                "--shards" => options with { Shards = int.Parse(value, CultureInfo.InvariantCulture) },
                "--log" => options with { LogPath = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
