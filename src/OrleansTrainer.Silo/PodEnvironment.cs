using System.Collections;

namespace OrleansTrainer.Silo;

/// <summary>
/// The environment variables a Kubernetes pod spec sets for an Orleans silo (as in the Orleans Kubernetes guidance:
/// <c>POD_IP</c> and <c>POD_NAME</c> from the downward API, <c>ORLEANS_SERVICE_ID</c> and <c>ORLEANS_CLUSTER_ID</c>),
/// mapped onto <see cref="SiloHostOptions"/> keys. Variables that are not set map to nothing.
/// </summary>
public static class PodEnvironment
{
    private static readonly (string Variable, string Key)[] Mapping =
    [
        ("POD_IP", nameof(SiloHostOptions.AdvertisedAddress)),
        ("POD_NAME", nameof(SiloHostOptions.SiloName)),
        ("ORLEANS_SERVICE_ID", nameof(SiloHostOptions.ServiceId)),
        ("ORLEANS_CLUSTER_ID", nameof(SiloHostOptions.ClusterId)),
    ];

    /// <summary>The configuration entries (<c>OrleansTrainer:AdvertisedAddress</c>, ...) for the variables that are set.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings(IDictionary variables)
    {
        foreach (var (variable, key) in Mapping)
        {
            if (variables[variable] is string value && value.Length > 0)
            {
                yield return new KeyValuePair<string, string?>($"{SiloHostOptions.Section}:{key}", value);
            }
        }
    }
}
