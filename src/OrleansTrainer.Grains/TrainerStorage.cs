namespace OrleansTrainer.Grains;

/// <summary>Names shared by the grains and the silo configuration.</summary>
public static class TrainerStorage
{
    /// <summary>The grain-storage provider every OrleansTrainer grain persists its state with.</summary>
    public const string ProviderName = "otrain";
}
