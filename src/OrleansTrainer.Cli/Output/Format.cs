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
}
