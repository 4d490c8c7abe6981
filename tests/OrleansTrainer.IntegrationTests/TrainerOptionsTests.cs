using OrleansTrainer.LocalCluster;

namespace OrleansTrainer.IntegrationTests;

/// <summary>The trainer options of a silo process come from its configuration and are checked when it starts.</summary>
public sealed class TrainerOptionsTests
{
    [Theory]
    [InlineData("RetryWindow", "-00:01:00", "-00:01:00")]
    [InlineData("WatchdogPeriod", "00:00:10", "00:00:10")]
    [InlineData("TickBudget", "00:00:00", "00:00:00")]
    [InlineData("IngestLease", "00:00:00.500", "00:00:00.5000000")]
    [InlineData("StallReportAfter", "00:00:00", "00:00:00")]
    [InlineData("CarriedRoundParameters", "-1", "-1")]
    public async Task A_silo_refuses_to_start_with_an_option_out_of_range_and_names_the_option_and_its_value(string option, string value, string shown)
    {
        await using var redis = await RedisServer.StartAsync();
        var start = SiloProcess.StartAsync("silo-bad-option", "local", new Dictionary<string, string>
        {
            ["OrleansTrainer:Redis"] = redis.ConnectionString,
            ["OrleansTrainer:ClusterId"] = "bad-option-" + Guid.NewGuid().ToString("N")[..8],
            [$"OrleansTrainer:Trainer:{option}"] = value,
        }, new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => start);
        Assert.Contains($"OrleansTrainer:Trainer:{option} is {shown}", error.Message, StringComparison.Ordinal);
    }
}
