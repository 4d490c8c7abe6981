namespace OrleansTrainer.Grains;

/// <summary>Names shared by the grains and the silo configuration.</summary>
public static class TrainerStorage
{
    /// <summary>The grain-storage provider every OrleansTrainer grain persists its state with.</summary>
    public const string ProviderName = "otrain";

    /// <summary>
    /// The Redis key of a grain's persisted state, <c>{service}/state/{grainId}/{stateName}</c> (a hash, field <c>data</c>):
    /// the rule the storage provider is configured with and the admin console reads by.
    /// </summary>
    public static string KeyOf(string serviceId, GrainId grain, string stateName) => $"{serviceId}/state/{grain}/{stateName}";
}
