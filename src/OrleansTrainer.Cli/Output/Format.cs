using System.Globalization;

namespace OrleansTrainer.Cli.Output;

/// <summary>Number formats for people.</summary>
public static class Format
{
    /// <summary>A byte count with a binary unit.</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>A number in general format, invariant culture.</summary>
    public static string Number(double value, string format = "G6") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A whole number with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A UTC time, to the second.</summary>
    public static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    /// <summary>The metrics that apply, as <c>rmse 0.531, mae 0.402, ...</c> (the confusion matrix aside).</summary>
    public static string Metrics(OrleansTrainer.Abstractions.EvaluationMetrics metrics) =>
        string.Join(", ", metrics.Present().Select(m => $"{OrleansTrainer.Models.Metrics.MetricSupport.Name(m.Metric)} {Number(m.Value)}"));
}
