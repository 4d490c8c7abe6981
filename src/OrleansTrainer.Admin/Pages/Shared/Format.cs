using System.Globalization;

namespace OrleansTrainer.Admin.Pages.Shared;

/// <summary>Number and time formats for the pages.</summary>
public static class Format
{
    /// <summary>A number in general format.</summary>
    public static string Number(double value, string format = "G6") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A number exactly (its shortest round-trip form), for data attributes that scripts and tests read.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A byte count with a binary unit.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1 << 20 => Number(bytes / 1024.0, "0.0") + " KiB",
        < 1 << 30 => Number(bytes / 1048576.0, "0.0") + " MiB",
        _ => Number(bytes / 1073741824.0, "0.00") + " GiB",
    };

    /// <summary>A duration in seconds, as h:mm:ss.</summary>
    public static string Duration(double? seconds)
    {
        if (seconds is not { } s)
        {
            return "-";
        }

        var t = TimeSpan.FromSeconds(Math.Round(s));
        return string.Create(CultureInfo.InvariantCulture, $"{(long)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}");
    }

    /// <summary>A UTC time.</summary>
    public static string Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
