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
        var refusedByPolicy = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refusedByPolicy.Add(message.Text);
            }
        };

        await page.GotoAsync($"/jobs/{job}");
        Assert.EndsWith("/login?ReturnUrl=%2Fjobs%2Fbrowser-job", page.Url);
        await page.FillAsync("#key", AdminConsoleFixture.Key);
        await page.ClickAsync("button[type=submit]");
        await AdminBrowser.ArrivedAsync(page, "#loss-chart", $"/jobs/{job}");

        await page.WaitForFunctionAsync("() => Number(document.getElementById('loss-chart').dataset.rounds) > 0");
        var drawn = await RoundsDrawnAsync(page);
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('loss-chart').dataset.rounds) > {drawn}");
        Assert.Equal(1, await page.Locator("#loss-chart polyline.curve").CountAsync());
        await ChartAssert.ValueAxisAsync(page, "#loss-chart", log: true);
        await ChartAssert.RoundAxisAsync(page, "#loss-chart", (await fixture.Client.GetJobAsync(job)).Round);
        Assert.Equal("Running", await page.TextContentAsync("#job-status"));
        Assert.EndsWith("%", await page.EvalOnSelectorAsync<string>("#timing-stack .compute", "part => part.style.width"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("job-running.png"), FullPage = true });

        await page.ClickAsync("a.block-state >> nth=0");
        await AdminBrowser.ArrivedAsync(page, "#redis-key", "/state?kind=block");
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
        Assert.Equal(["by admin (console)", "learning rate 0.002 -> 0.004 by admin (console)", "by admin (console)"], resumed.History.Skip(1).Select(e => e.Detail));

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

        Assert.Empty(refusedByPolicy);

        await page.GotoAsync("/dashboard/");
        await page.Locator("text=Orleans Dashboard").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Contains("/dashboard/", page.Url);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("orleans-dashboard.png"), FullPage = true });

        await fixture.Client.CancelJobAsync(job);
    }

    [Fact]
    public async Task A_viewer_sees_the_job_without_controls_and_a_forged_control_post_from_the_page_is_refused_403()
    {
        var job = "browser-viewer-job";
        await fixture.StartLongJobAsync(job);
        var page = await _browser.LoggedInPageAsync(fixture.BaseAddress, AdminConsoleFixture.ViewerKey);
        Assert.Equal("victor (viewer)", await page.TextContentAsync("#signed-in"));

        await page.GotoAsync($"/jobs/{job}");
        await page.WaitForFunctionAsync("() => Number(document.getElementById('loss-chart').dataset.rounds) > 0");
        Assert.Equal(0, await page.Locator("section.controls button").CountAsync());
        Assert.True(await page.IsVisibleAsync("#read-only"));

        // What a viewer could still do by hand: post the page's own anti-forgery token to a control handler.
        var response = await page.RunAndWaitForResponseAsync(() => page.EvaluateAsync("""
            () => {
                const form = document.createElement('form');
                form.method = 'post';
                form.action = location.pathname + '?handler=Pause';
                form.appendChild(document.querySelector('input[name=__RequestVerificationToken]').cloneNode());
                document.body.appendChild(form);
                form.submit();
            }
            """), candidate => candidate.Request.Method == "POST");
        Assert.Equal(403, response.Status);
        var unchanged = await fixture.Client.GetJobAsync(job);
        Assert.Equal(JobStatus.Running, unchanged.Status);
        Assert.Equal([JobEventKind.Started], unchanged.History.Select(e => e.Kind));
        await fixture.Client.CancelJobAsync(job);
    }

    private static async Task<int> RoundsDrawnAsync(IPage page) =>
        int.Parse((await page.GetAttributeAsync("#loss-chart", "data-rounds"))!, System.Globalization.CultureInfo.InvariantCulture);
}
