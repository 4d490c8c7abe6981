using System.Globalization;
using System.Text.Json.Nodes;

namespace OrleansTrainer.Deployment.Tests;

/// <summary>Kubernetes resource quantities (<c>500m</c>, <c>2</c>, <c>512Mi</c>, <c>8Gi</c>) as numbers.</summary>
internal static class Quantity
{
    /// <summary>CPU in cores.</summary>
    public static double Cpu(JsonNode quantity)
    {
        var text = quantity.ToString();
        return text.EndsWith('m') ? double.Parse(text[..^1], CultureInfo.InvariantCulture) / 1000 : double.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Memory in bytes (binary suffixes Ki, Mi, Gi, Ti).</summary>
    public static double Bytes(JsonNode quantity)
    {
        var text = quantity.ToString();
        string[] suffixes = ["Ki", "Mi", "Gi", "Ti"];
        for (var i = 0; i < suffixes.Length; i++)
        {
            if (text.EndsWith(suffixes[i], StringComparison.Ordinal))
            {
                return double.Parse(text[..^2], CultureInfo.InvariantCulture) * Math.Pow(1024, i + 1);
            }
        }

        return double.Parse(text, CultureInfo.InvariantCulture);
    }
}
