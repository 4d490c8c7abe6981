using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OrleansTrainer.Grains.Tests;

public class SlowShardsTests
{
    [Fact]
    public async Task ASiloConfiguredSlowShard_DelaysThatShardOfThatJobOnly()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OrleansTrainer:FaultInjection:SlowShards:elastic:Shard"] = "1",
            ["OrleansTrainer:FaultInjection:SlowShards:elastic:Milliseconds"] = "200",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddOptions<SlowShardOptions>().BindConfiguration(SlowShardOptions.Section);
        services.AddSingleton<SlowShards>();
        var slow = services.BuildServiceProvider().GetRequiredService<SlowShards>();

        Assert.True(slow.DelayAsync("elastic", 0).IsCompleted);
        Assert.True(slow.DelayAsync("other", 1).IsCompleted);
        var delayed = slow.DelayAsync("elastic", 1);
        Assert.False(delayed.IsCompleted);
        await delayed;
    }

    [Fact]
    public void ADelaySetAtRunTime_ReplacesTheJobsEarlierOne()
    {
        var slow = new SlowShards(Options.Create(new SlowShardOptions()));
        Assert.True(slow.DelayAsync("job", 0).IsCompleted);

        slow.Set("job", 0, 10_000);
        Assert.False(slow.DelayAsync("job", 0).IsCompleted);
        slow.Set("job", 2, 10_000);
        Assert.True(slow.DelayAsync("job", 0).IsCompleted);
    }
}
