using Orleans.Storage;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Grains;
using OrleansTrainer.Numerics;
using StackExchange.Redis;

namespace OrleansTrainer.IntegrationTests;

/// <summary>What the grains leave in Redis, decoded straight from Redis rather than asked of the grains.</summary>
[Collection(TrainerClusterCollection.Name)]
public sealed class PersistenceTests(TrainerClusterFixture fixture)
{
    [Fact]
    public async Task Weights_decoded_from_redis_equal_the_weights_the_client_returns()
    {
        var dataset = Training.UniqueName("persist");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(2_000, 9, seed: 3), "y", 3);
        var job = Training.UniqueName("persist-job");
        var (status, model) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = job, Dataset = dataset, Standardize = false, LearningRate = 0.05, MaxRounds = 40, WeightBlocks = 4,
        });
        Assert.Equal(JobStatus.Completed, status.Status);

        var parameters = new double[10];
        for (var b = 0; b < 4; b++)
        {
            // Versions alternate between two records: version 40 is in the even one, 39 in the odd one.
            var block = ReadState<WeightBlockState>($"/{job}/{b}/block");
            Assert.Equal(40, block.Version);
            Assert.Empty(block.PreviousWeights); // the odd record holds them
            Assert.Equal(39, ReadState<WeightBlockState>($"/{job}/{b}/block-odd").Version);
            DenseBuffers.AsDoubles(block.Weights).CopyTo(parameters.AsSpan(block.Setup!.Start));
        }

        Assert.Equal(Training.Coefficients(model), parameters);

        var trainer = ReadState<JobState>($"/{job}/trainer");
        Assert.Equal(JobStatus.Completed, trainer.Status);
        Assert.Equal(40, trainer.Round);
        Assert.Equal(40, await fixture.Redis.ListLengthAsync(fixture.KeysContaining($"/metrics/{job}").Single()));
    }

    [Fact]
    public async Task A_reactivated_block_still_serves_the_previous_round_from_the_other_record()
    {
        var dataset = Training.UniqueName("persist-prev");
        await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(500, 5, seed: 4), "y", 2);
        var job = Training.UniqueName("persist-prev-job");
        var (status, _) = await Training.RunAsync(fixture.Client, new JobSpec
        {
            Name = job, Dataset = dataset, Standardize = false, LearningRate = 0.05, MaxRounds = 7, WeightBlocks = 2,
        });
        Assert.Equal(JobStatus.Completed, status.Status);

        // Round 6 is committed (version 7): a trainer redoing it pulls the weights of version 6 again.
        var block = fixture.Client.Cluster.GetGrain<IWeightBlockGrain>($"{job}/1");
        var inMemory = (await block.PullAsync(6)).Bytes;
        await fixture.Cluster.DeactivateAsync(block);
        var fromRedis = (await block.PullAsync(6)).Bytes;

        Assert.Equal(inMemory, fromRedis);
        Assert.NotEqual(inMemory, (await block.GetSnapshotAsync()).Weights.Bytes);
        Assert.Equal(7, ReadState<WeightBlockState>($"/{job}/1/block-odd").Version);
        Assert.Equal(6, ReadState<WeightBlockState>($"/{job}/1/block").Version);
    }

    [Fact]
    public async Task Shard_rows_are_stored_in_chunk_keys_and_the_shard_state_indexes_them()
    {
        var dataset = Training.UniqueName("chunks");
        var info = await Training.IngestAsync(fixture.Client, dataset, TestData.SyntheticRegressionCsv(3_000, 5, seed: 4), "y", 2, chunkBytes: 4096);
        Assert.Equal(DatasetStatus.Ready, info.Status);
        Assert.Equal([1500L, 1500L], info.ShardRows);

        var shard = ReadState<ShardState>($"/{dataset}/0/shard");
        var chunkRows = 4096 / (5 * sizeof(float) + sizeof(double));
        Assert.Equal((1500 + chunkRows - 1) / chunkRows, shard.ChunkRows.Length);
        Assert.Equal(1500, shard.Rows);
        Assert.Equal(shard.ChunkRows.Length, fixture.KeysContaining($"/rows/{dataset}/0/").Length);
        var dataState = ReadState<DatasetState>($"/{dataset}/dataset");
        Assert.Equal(DatasetStatus.Ready, dataState.Status);
    }

    private T ReadState<T>(string keySuffix)
    {
        var key = fixture.KeysContaining("/state/").Single(k => k.ToString().EndsWith(keySuffix, StringComparison.Ordinal));
        var data = fixture.Redis.HashGet(key, "data");
        Assert.False(data.IsNullOrEmpty, $"no state under {key}");
        var serializer = new OrleansGrainStorageSerializer(fixture.Serializer);
        return serializer.Deserialize<T>(new BinaryData((byte[])data!))!;
    }
}
