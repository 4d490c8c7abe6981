using System.Diagnostics;
using System.Net;
using StackExchange.Redis;

namespace OrleansTrainer.Admin.Tests;

/// <summary>
/// Wrong keys lock their client out, right key included, until the lockout ends (consoles of their own with a short
/// lockout); the counts live in Redis, so replicas add them up. Every test starts with no lockout state of loopback's.
/// </summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class LockoutTests(AdminConsoleFixture fixture)
{
    private static readonly TimeSpan Lockout = TimeSpan.FromSeconds(6);

    private static readonly string[] ShortLockout = ["--Admin:Lockout:Failures=3", "--Admin:Lockout:Window=00:01:00", $"--Admin:Lockout:Duration={Lockout}"];

    private const string WrongKey = "not-anyones-key-0123456789";

    [Fact]
    public async Task A_burst_of_wrong_keys_gets_the_right_key_refused_429_until_the_lockout_ends()
    {
        await using var console = await fixture.StartConsoleAsync(ShortLockout);
        await ForgetLockoutsAsync();
        using var browser = AdminHttp.Client(console.BaseAddress);
        using var wrongScript = AdminHttp.Bearer(console.BaseAddress, WrongKey);
        using var rightScript = AdminHttp.Bearer(console.BaseAddress, AdminConsoleFixture.ViewerKey);

        var first = await AdminHttp.PostLoginAsync(browser, WrongKey);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Wrong key.", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await AdminHttp.PostLoginAsync(browser, "still-not-anyones-key-0123")).StatusCode);
        var third = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrongScript.GetAsync("/api/jobs")).StatusCode);

        var refused = await rightScript.GetAsync("/api/jobs");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), Lockout);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AdminHttp.PostLoginAsync(browser, AdminConsoleFixture.Key)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await rightScript.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/login")).StatusCode);

        await Task.Delay(Lockout - third.Elapsed + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await rightScript.GetAsync("/api/jobs")).StatusCode);
        await AdminHttp.LogInAsync(browser, AdminConsoleFixture.Key);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/jobs")).StatusCode);
    }

    [Fact]
    public async Task Wrong_keys_sent_to_two_replicas_add_up_and_lock_the_client_out_of_both()
    {
        await using var first = await fixture.StartConsoleAsync(ShortLockout);
        await using var second = await fixture.StartConsoleAsync(ShortLockout);
        await ForgetLockoutsAsync();
        using var wrongAtFirst = AdminHttp.Bearer(first.BaseAddress, WrongKey);
        using var wrongAtSecond = AdminHttp.Bearer(second.BaseAddress, WrongKey);
        using var rightAtFirst = AdminHttp.Bearer(first.BaseAddress, AdminConsoleFixture.ViewerKey);
        using var rightAtSecond = AdminHttp.Bearer(second.BaseAddress, AdminConsoleFixture.ViewerKey);
        try
        {
            // Two wrong keys at the first replica, the third at the second: each replica alone saw fewer than three.
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrongAtFirst.GetAsync("/api/jobs")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrongAtFirst.GetAsync("/api/jobs")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrongAtSecond.GetAsync("/api/jobs")).StatusCode);

            var refused = await rightAtFirst.GetAsync("/api/jobs");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), Lockout);
            Assert.Equal(HttpStatusCode.TooManyRequests, (await rightAtSecond.GetAsync("/api/jobs")).StatusCode);
        }
        finally
        {
            // What an operator does to lift a lockout early (docs/deploy.md); the other tests need loopback unlocked.
            await ForgetLockoutsAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await rightAtSecond.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await rightAtFirst.GetAsync("/api/jobs")).StatusCode);
    }

    /// <summary>Deletes every lockout key of the cluster's service: the wrong keys counted and the lockouts under way.</summary>
    private async Task ForgetLockoutsAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Cluster.Redis.ConnectionString);
        var server = redis.GetServers().Single();
        foreach (var key in server.Keys(pattern: $"{fixture.Cluster.ServiceId}/admin/lockout/*"))
        {
            await redis.GetDatabase().KeyDeleteAsync(key);
        }
    }
}
