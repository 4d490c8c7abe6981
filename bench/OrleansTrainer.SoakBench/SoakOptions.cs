using System.Globalization;

namespace OrleansTrainer.SoakBench;

/// <summary>
/// The command line: <c>[--minutes M] [--concurrency N] [--kill-seconds S] [--sample-seconds S] [--log FILE] [--memory-csv FILE]</c>.
/// </summary>
internal sealed record SoakOptions
{
    /// <summary>How long jobs keep being started, minutes (the faults and samples run as long; jobs under way then finish).</summary>
    public double Minutes { get; init; } = 30;

    /// <summary>How many jobs run at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Seconds between two silo kills (the first comes after one such period).</summary>
    public double KillSeconds { get; init; } = 120;

    /// <summary>Seconds between two memory samples.</summary>
    public double SampleSeconds { get; init; } = 15;

    /// <summary>A file receiving every line the silos and Redis print; none when null.</summary>
    public string? LogPath { get; init; }

    /// <summary>A CSV file receiving every memory sample; none when null.</summary>
    public string? MemoryCsvPath { get; init; }

    /// <summary>The soak's length.</summary>
    public TimeSpan Duration => TimeSpan.FromMinutes(Minutes);

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An unknown option or a missing value.</exception>
    public static SoakOptions Parse(string[] args)
    {
        var options = new SoakOptions();
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--minutes" => options with { Minutes = double.Parse(value, CultureInfo.InvariantCulture) },
                "--concurrency" => options with { Concurrency = int.Parse(value, CultureInfo.InvariantCulture) },
                "--kill-seconds" => options with { KillSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--sample-seconds" => options with { SampleSeconds = double.Parse(value, CultureInfo.InvariantCulture) },
                "--log" => options with { LogPath = value },
                "--memory-csv" => options with { MemoryCsvPath = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}."),
            };
        }

        return options;
    }
}
