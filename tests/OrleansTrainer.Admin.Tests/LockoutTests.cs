using System.Diagnostics;
using System.Net;

namespace OrleansTrainer.Admin.Tests;

/// <summary>Wrong keys lock their client out, right key included, until the lockout ends (a console of its own with a short lockout).</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class LockoutTests(AdminConsoleFixture fixture)
{
    private static readonly TimeSpan Lockout = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task A_burst_of_wrong_keys_gets_the_right_key_refused_429_until_the_lockout_ends()
    {
        await using var console = await fixture.StartConsoleAsync(
            "--Admin:Lockout:Failures=3", "--Admin:Lockout:Window=00:01:00", $"--Admin:Lockout:Duration={Lockout}");
        using var browser = AdminHttp.Client(console.BaseAddress);
        using var wrongScript = AdminHttp.Bearer(console.BaseAddress, "not-anyones-key-0123456789");
        using var rightScript = AdminHttp.Bearer(console.BaseAddress, AdminConsoleFixture.ViewerKey);

        var first = await AdminHttp.PostLoginAsync(browser, "not-anyones-key-0123456789");
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
}
