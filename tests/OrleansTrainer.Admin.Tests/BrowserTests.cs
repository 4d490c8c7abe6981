using Microsoft.Playwright;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Admin.Tests;

/// <summary>The console in a real headless browser: Debian's chromium driven by Playwright.</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class BrowserTests(AdminConsoleFixture fixture) : IAsyncLifetime
{
    private AdminBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await AdminBrowser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task An_admin_logs_in_watches_the_loss_curve_inspects_a_block_and_pauses_and_resumes_the_job()
    {
        var job = "browser-job";
        await fixture.StartLongJobAsync(job);
        var page = await _browser.NewPageAsync(fixture.BaseAddress);

        await page.GotoAsync($"/jobs/{job}");
        Assert.EndsWith("/login?ReturnUrl=%2Fjobs%2Fbrowser-job", page.Url);
        await page.FillAsync("#key", AdminConsoleFixture.Key);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync($"**/jobs/{job}");

        await page.WaitForFunctionAsync("() => Number(document.getElementById('loss-chart').dataset.rounds) > 0");
        var drawn = await RoundsDrawnAsync(page);
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('loss-chart').dataset.rounds) > {drawn}");
        Assert.Equal(1, await page.Locator("#loss-chart polyline.curve").CountAsync());
        await ChartAssert.ValueAxisAsync(page, "#loss-chart", log: true);
        await ChartAssert.RoundAxisAsync(page, "#loss-chart", (await fixture.Client.GetJobAsync(job)).Round);
        Assert.Equal("Running", await page.TextContentAsync("#job-status"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("job-running.png"), FullPage = true });

        await page.ClickAsync("a.block-state >> nth=0");
        await page.WaitForURLAsync("**/state?kind=block*");
        Assert.Matches($"^{fixture.Cluster.ServiceId}/state/weightblock/{job}/0/block(-odd)?$", await page.TextContentAsync("#redis-key"));
        Assert.Equal(2, await page.Locator(".weight-norm").CountAsync());
        Assert.True(double.Parse((await page.TextContentAsync("#persisted .weight-norm"))!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("block-state.png"), FullPage = true });

        await page.GotoAsync($"/jobs/{job}");
        await page.ClickAsync("#pause");
        await page.WaitForSelectorAsync("#resume");
        Assert.Equal("Paused", await page.TextContentAsync("#job-status"));
        var paused = await fixture.Client.GetJobAsync(job);
        Assert.Equal(JobStatus.Paused, paused.Status);
        Assert.Equal(paused.Round, (await fixture.Client.GetJobAsync(job)).Round);

        await page.FillAsync("#learningRate", "0.004");
        await page.ClickAsync("#set-learning-rate");
        await page.WaitForSelectorAsync("#history >> text=learning rate 0.002 -> 0.004");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("job-paused.png"), FullPage = true });

        await page.ClickAsync("#resume");
        await page.WaitForSelectorAsync("#pause");
        Assert.Equal("Running", await page.TextContentAsync("#job-status"));
        var resumed = await fixture.Client.GetJobAsync(job);
        Assert.Equal(JobStatus.Running, resumed.Status);
        Assert.Equal(0.004, resumed.Spec!.LearningRate);
        Assert.Equal([JobEventKind.Started, JobEventKind.Paused, JobEventKind.LearningRateChanged, JobEventKind.Resumed], resumed.History.Select(e => e.Kind));

        await page.GotoAsync("/");
        Assert.Equal(2, await page.Locator("#silos tbody tr").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("cluster.png"), FullPage = true });
        await page.GotoAsync($"/datasets/{AdminConsoleFixture.Dataset}");
        Assert.Equal(4, await page.Locator("#shards tbody tr").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("dataset.png"), FullPage = true });
        var sparse = $"sparse-{Guid.NewGuid():N}"[..15];
        await fixture.Client.CreateSparseDatasetAsync(sparse,
            new OrleansTrainer.Ingest.InMemorySparseRowReader(40, [0, 2, 3], [1, 39, 7], [1f, 2f, 3f], [0, 1]),
            new OrleansTrainer.Ingest.IngestOptions { ShardCount = 1 });
        await page.GotoAsync($"/datasets/{sparse}");
        Assert.Contains("40 (SparseFloat32): numbered 1..40", await page.TextContentAsync("body"));

        await page.GotoAsync("/dashboard/");
        await page.Locator("text=Orleans Dashboard").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("/dashboard/", page.Url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("orleans-dashboard.png"), FullPage = true });

        await fixture.Client.CancelJobAsync(job);
    }

    private static async Task<int> RoundsDrawnAsync(IPage page) =>
        int.Parse((await page.GetAttributeAsync("#loss-chart", "data-rounds"))!, System.Globalization.CultureInfo.InvariantCulture);
}
