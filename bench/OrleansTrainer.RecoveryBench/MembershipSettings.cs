using System.Text.Json;
using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.RecoveryBench;

/// <summary>The failure-detection settings the silos run with: section <c>Orleans:Membership</c> of <c>silo-config/local.json</c>.</summary>
internal static class MembershipSettings
{
    /// <summary>The file the local cluster's silos read (next to the silo binary, copied from silo-config/ at build).</summary>
    public static string FilePath => Path.Combine(Path.GetDirectoryName(SiloBinary.Locate())!, "silo-config", "local.json");

    /// <summary>A JSON line with every setting of the section, as written in the file.</summary>
    public static JsonLine Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(FilePath));
        var line = new JsonLine("membership_settings").With("file", FilePath);
        if (document.RootElement.TryGetProperty("Orleans", out var orleans) && orleans.TryGetProperty("Membership", out var membership))
        {
            foreach (var setting in membership.EnumerateObject())
            {
                line.With(setting.Name, setting.Value.Clone());
            }
        }

        return line;
    }
}
