using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Grains;
using StackExchange.Redis;

namespace OrleansTrainer.TransferBench;

/// <summary>
/// A weight block's checkpoint as production writes it — the state a commit left in Redis, read back and written again
/// through the silo's own grain-storage provider (<see cref="TrainerStorage.ProviderName"/>: Orleans' Redis storage with
/// the binary serializer) — against a raw <c>SET</c> of as many bytes on the same connection to the same redis-server.
/// </summary>
internal sealed class CheckpointWrite
{
    // Orleans.Persistence.Redis' write script, as RedisGrainStorage.WriteStateAsync sends it (this peer passes its key's ETag,
    // as the storage does).
    private const string OrleansWriteScript =
        """
        local etag = redis.call('HGET', KEYS[1], 'etag')
        if ((not etag or etag == '') and (not ARGV[1] or ARGV[1] == '')) or etag == ARGV[1] then
          redis.call('HMSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
          if ARGV[4] ~= '-1' then
            redis.call('EXPIRE', KEYS[1], ARGV[4])
          end
          return 0
        else
          return -1
        end
        """;

    private readonly IGrainStorage _storage;
    private readonly IDatabase _redis;
    private readonly OrleansGrainStorageSerializer _serializer;
    private readonly GrainId _target;
    private readonly GrainState<WeightBlockState> _state;
    private readonly RedisKey _rawKey;
    private readonly RedisKey _scriptKey;
    private string _scriptEtag = "";
    private readonly byte[] _raw;

    private CheckpointWrite(IServiceProvider silo, GrainId target, WeightBlockState state, int payloadBytes)
    {
        _storage = silo.GetRequiredKeyedService<IGrainStorage>(TrainerStorage.ProviderName);
        _redis = silo.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        _serializer = new OrleansGrainStorageSerializer(silo.GetRequiredService<Serializer>());
        _target = target;
        _state = new GrainState<WeightBlockState>(state);
        _rawKey = $"bench/raw-set/{target}";
        _scriptKey = $"bench/raw-script/{target}";
        _raw = new byte[payloadBytes];
        Random.Shared.NextBytes(_raw);
        PayloadBytes = payloadBytes;
    }

    /// <summary>The serialized state's size: what the storage writes and the raw <c>SET</c> writes as many of.</summary>
    public int PayloadBytes { get; }

    /// <summary>
    /// Reads the odd record of <paramref name="block"/> (a committed version) through the silo's storage and prepares to
    /// write it as the even record of the block <paramref name="target"/>, which no grain uses.
    /// </summary>
    public static async Task<CheckpointWrite> PrepareAsync(IServiceProvider silo, string serviceId, IWeightBlockGrain block, IWeightBlockGrain target)
    {
        var storage = silo.GetRequiredKeyedService<IGrainStorage>(TrainerStorage.ProviderName);
        var committed = new GrainState<WeightBlockState>();
        await storage.ReadStateAsync("block-odd", block.GetGrainId(), committed);
        if (committed.State?.Setup is null)
        {
            throw new InvalidOperationException($"Weight block {block.GetPrimaryKeyString()} has no committed odd record.");
        }

        var redis = silo.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var payload = await redis.HashStringLengthAsync(TrainerStorage.KeyOf(serviceId, block.GetGrainId(), "block-odd"), "data");
        return new CheckpointWrite(silo, target.GetGrainId(), committed.State, checked((int)payload));
    }

    /// <summary>One write of the block's state through the grain storage, in milliseconds.</summary>
    public async Task<double> StorageWriteAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await _storage.WriteStateAsync("block", _target, _state);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>One raw <c>SET</c> of <see cref="PayloadBytes"/> bytes, in milliseconds.</summary>
    public async Task<double> RawSetAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await _redis.StringSetAsync(_rawKey, _raw);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>
    /// The storage's Redis command alone: the script Orleans' Redis storage (10.x) runs for a write — compare the ETag,
    /// <c>HMSET</c> etag and data — with the raw bytes as its data, without the serializer; in milliseconds.
    /// </summary>
    public async Task<double> RawScriptAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var etag = Guid.NewGuid().ToString("N");
        var result = await _redis.ScriptEvaluateAsync(OrleansWriteScript, [_scriptKey], [_scriptEtag, etag, _raw, -1]);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _scriptEtag = (int)result == 0 ? etag : throw new InvalidOperationException("The raw script's ETag did not match.");
        return ms;
    }

    /// <summary>The storage serializer's part of a write alone (the state to bytes), in milliseconds.</summary>
    public double Serialize()
    {
        var started = Stopwatch.GetTimestamp();
        var bytes = _serializer.Serialize(_state.State);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return bytes.Length == PayloadBytes ? ms : throw new InvalidOperationException($"Serialized {bytes.Length} bytes, stored {PayloadBytes}.");
    }
}
