using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansTrainer.Grains;
using StackExchange.Redis;

namespace OrleansTrainer.Admin.Services;

/// <summary>
/// Reads a grain's persisted state straight from Redis, where Orleans' Redis grain storage keeps it as a hash under
/// <c>{service}/state/{grainId}/{stateName}</c> (field <c>data</c>, written with Orleans' binary serializer), so the
/// console shows what a re-activation would load — not what the live activation holds.
/// </summary>
public sealed class GrainStateReader(IConnectionMultiplexer redis, Serializer serializer, IOptions<AdminConsoleOptions> options)
{
    private readonly OrleansGrainStorageSerializer _storageSerializer = new(serializer);

    /// <summary>The Redis key of a grain's state.</summary>
    public string KeyOf(GrainId grain, string stateName) => TrainerStorage.KeyOf(options.Value.ServiceId, grain, stateName);

    /// <summary>The decoded state, its key and its size in bytes; a null state when nothing is stored.</summary>
    public async Task<PersistedState<T>> ReadAsync<T>(GrainId grain, string stateName)
    {
        var key = KeyOf(grain, stateName);
        var data = await redis.GetDatabase().HashGetAsync(key, "data");
        if (data.IsNullOrEmpty)
        {
            return new PersistedState<T>(key, default, 0);
        }

        var bytes = (byte[])data!;
        return new PersistedState<T>(key, _storageSerializer.Deserialize<T>(new BinaryData(bytes)), bytes.Length);
    }
}

/// <summary>A grain's persisted state as found in Redis.</summary>
/// <param name="Key">The Redis key it lives under.</param>
/// <param name="State">The decoded state; null when the key holds none.</param>
/// <param name="Bytes">Size of the serialized state.</param>
public sealed record PersistedState<T>(string Key, T? State, long Bytes);
