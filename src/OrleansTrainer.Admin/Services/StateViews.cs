namespace OrleansTrainer.Admin.Services;

/// <summary>What the state inspector shows about one grain: its persisted state next to its live activation's report.</summary>
/// <param name="Kind">trainer, block, shard or dataset.</param>
/// <param name="GrainKey">The grain's key.</param>
/// <param name="GrainId">The grain id (type/key).</param>
/// <param name="RedisKey">The Redis key of its persisted state.</param>
/// <param name="StoredBytes">Size of the persisted state.</param>
/// <param name="Silo">The silo it is active on, or null.</param>
/// <param name="Persisted">Fields of the persisted state, in display order; empty when nothing is stored.</param>
/// <param name="Live">What the live activation reports, in display order.</param>
/// <param name="PersistedWeights">Statistics of the persisted weights (blocks and trainers with weights); null otherwise.</param>
/// <param name="LiveWeights">Statistics of the weights the live activation reports; null otherwise.</param>
public sealed record StateView(
    string Kind, string GrainKey, string GrainId, string RedisKey, long StoredBytes, string? Silo,
    StateField[] Persisted, StateField[] Live, WeightStatistics? PersistedWeights, WeightStatistics? LiveWeights);

/// <summary>One named value of a grain's state.</summary>
public sealed record StateField(string Name, string Value);
