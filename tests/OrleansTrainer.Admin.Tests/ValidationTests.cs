using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using OrleansTrainer.Abstractions;
using OrleansTrainer.Ingest;

namespace OrleansTrainer.Admin.Tests;

/// <summary>Jobs with validation in a real browser: their setup, best round, metrics, curves and the jobs list.</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class ValidationTests(AdminConsoleFixture fixture) : IAsyncLifetime
{
    private AdminBrowser _browser = null!;

    public async Task InitializeAsync() => _browser = await AdminBrowser.LaunchAsync();

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    [Fact]
    public async Task A_validated_job_shows_its_setup_best_round_latest_and_final_metrics_and_curves_with_round_number_ticks()
    {
        var job = "validated-job";
        var info = await RunAsync(new JobSpec
        {
            Name = job, Dataset = AdminConsoleFixture.Dataset, MaxRounds = 60, Tolerance = 0, WeightBlocks = 2,
            Validation = new ValidationSpec { Fraction = 0.25, Seed = 1, Every = 3, Patience = 4 },
        });
        var rounds = await fixture.Client.GetMetricsAsync(job);
        var validated = rounds.Where(r => r.Validation is not null).ToArray();
        Assert.True(validated.Length >= 2, $"{validated.Length} validation(s)");
        var page = await _browser.LoggedInPageAsync(fixture.BaseAddress);

        await page.GotoAsync($"/jobs/{job}");
        Assert.Equal("0.25 of the rows held out (seed 1)", (await page.TextContentAsync("#validation-rows"))!.Trim());
        Assert.StartsWith("3 round(s)", await page.TextContentAsync("#validation-every"));
        Assert.Equal("rmse", await page.GetAttributeAsync("#watched-metric", "data-metric"));
        Assert.StartsWith("after 4 validations without an improvement", await page.TextContentAsync("#early-stopping"));
        Assert.Equal(info.BestRound!.Value.ToString(CultureInfo.InvariantCulture), await page.TextContentAsync("#best-round"));
        await AssertMetricsTableAsync(page, "latest-validation", info.Validation!);
        await AssertMetricsTableAsync(page, "final-metrics", info.FinalTrainMetrics!, info.FinalValidationMetrics!);
        Assert.Equal(0, await page.Locator("#confusion-matrix").CountAsync());

        await page.WaitForFunctionAsync($"() => Number(document.getElementById('loss-chart').dataset.rounds) === {info.Round}");
        var x = await ChartAssert.RoundAxisAsync(page, "#loss-chart", info.Round);
        var y = await ChartAssert.ValueAxisAsync(page, "#loss-chart", log: true);
        Assert.Equal(["training loss", "validation loss"], (await page.Locator("#loss-chart .legend-item text").AllTextContentsAsync()).Select(t => t.Split(" (")[0]));
        var training = await ChartAssert.VerticesAsync(page, "#loss-chart polyline.series-train");
        Assert.Equal(rounds.Length, training.Length);
        foreach (var (vertex, round) in training.Zip(rounds))
        {
            ChartAssert.At(vertex, x, round.Round, y, round.Loss);
        }

        Assert.Equal(validated.Length.ToString(CultureInfo.InvariantCulture), await page.GetAttributeAsync("#loss-chart polyline.series-validation", "data-points"));
        var validation = await ChartAssert.VerticesAsync(page, "#loss-chart polyline.series-validation");
        Assert.Equal(validated.Length, validation.Length);
        foreach (var (vertex, round) in validation.Zip(validated))
        {
            ChartAssert.At(vertex, x, round.Round + 1, y, round.Validation!.Loss);
        }

        var metricX = await ChartAssert.RoundAxisAsync(page, "#metric-chart", info.Round);
        var metricY = await ChartAssert.ValueAxisAsync(page, "#metric-chart", log: false);
        var watched = await ChartAssert.VerticesAsync(page, "#metric-chart polyline.series-metric");
        Assert.Equal(validated.Length, watched.Length);
        foreach (var (vertex, round) in watched.Zip(validated))
        {
            ChartAssert.At(vertex, metricX, round.Round + 1, metricY, round.Validation!.Rmse!.Value);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("job-validated.png"), FullPage = true });

        await page.GotoAsync("/jobs");
        var row = $"#jobs tr:has(a[href='/jobs/{job}']) td.validation";
        Assert.Equal("rmse", await page.TextContentAsync($"{row} .metric"));
        Assert.Equal(info.Validation!.Rmse!.Value, Parse(await page.GetAttributeAsync($"{row} .value", "data-value")));
        Assert.Equal(info.Validation.Rmse.Value, Parse(await page.TextContentAsync($"{row} .value")), 5e-6 * info.Validation.Rmse.Value);

        await AssertApiAsync(page, job, info, validated);
    }

    [Fact]
    public async Task A_validated_classifier_shows_its_final_metrics_side_by_side_and_its_confusion_matrix()
    {
        var dataset = "breast-cancer";
        await fixture.Client.CreateDatasetFromCsvAsync(dataset, Path.Combine(AppContext.BaseDirectory, "datasets", "breast_cancer.csv"),
            new CsvIngestOptions { LabelColumn = "malignant", ShardCount = 2 });
        var job = "validated-classifier";
        var info = await RunAsync(new JobSpec
        {
            Name = job, Dataset = dataset, Model = ModelKind.LogisticRegression, MaxRounds = 30, Tolerance = 0,
            Validation = new ValidationSpec { Fraction = 0.25, Seed = 1, Every = 5 },
        });
        var page = await _browser.LoggedInPageAsync(fixture.BaseAddress);

        await page.GotoAsync($"/jobs/{job}");
        Assert.Equal("log-loss", await page.GetAttributeAsync("#watched-metric", "data-metric"));
        Assert.Equal("off", await page.TextContentAsync("#early-stopping"));
        var final = info.FinalValidationMetrics!;
        await AssertMetricsTableAsync(page, "final-metrics", info.FinalTrainMetrics!, final);
        Assert.Equal(2, final.Classes);
        var cells = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#confusion-matrix tbody td')].map(c => c.dataset.value)");
        Assert.Equal(final.ConfusionMatrix, cells.Select(c => Parse(c)));
        Assert.Equal(final.WeightSum, final.ConfusionMatrix.Sum(), 1e-9);
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('loss-chart').dataset.rounds) === {info.Round}");
        await ChartAssert.ValueAxisAsync(page, "#metric-chart", log: false);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = AdminBinary.Artifact("job-validated-classifier.png"), FullPage = true });
    }

    private async Task<JobStatusInfo> RunAsync(JobSpec spec)
    {
        await fixture.Client.StartJobAsync(spec);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var info = await fixture.Client.WaitForJobAsync(spec.Name, cancellationToken: timeout.Token);
        Assert.Equal(JobStatus.Completed, info.Status);
        return info;
    }

    /// <summary>Asserts that the metrics table <paramref name="id"/> has a row per metric present, a column per set of metrics, each cell exactly the metric's value, and the row counts.</summary>
    private static async Task AssertMetricsTableAsync(IPage page, string id, params EvaluationMetrics[] columns)
    {
        var table = await page.EvaluateAsync<Dictionary<string, string[]>>(
            "id => Object.fromEntries([...document.querySelectorAll('#' + id + ' tbody tr')].map(r => [r.dataset.metric, [...r.querySelectorAll('td')].map(c => c.dataset.value)]))", id);
        var present = columns[0].Present().Select(p => p.Metric).ToArray();
        Assert.Equal(present.Length + 1, table.Count);
        foreach (var metric in present)
        {
            Assert.Equal(columns.Select(c => c.Value(metric)!.Value), table[Models.Metrics.MetricSupport.Name(metric)].Select(v => Parse(v)));
        }

        Assert.Equal(columns.Select(c => (double)c.Rows), table["rows"].Select(v => Parse(v)));
    }

    /// <summary>Asserts that the JSON endpoints carry the job's validation: the watched metric and each validation with the chart's values, the best round, the jobs list's latest value.</summary>
    private static async Task AssertApiAsync(IPage page, string job, JobStatusInfo info, RoundMetrics[] validated)
    {
        using var metrics = await JsonAsync(page, $"/api/jobs/{job}/metrics?from=0");
        Assert.Equal("Rmse", metrics.RootElement.GetProperty("watchedMetric").GetString());
        var points = metrics.RootElement.GetProperty("validation").EnumerateArray().ToArray();
        Assert.Equal(validated.Select(r => r.Round), points.Select(p => p.GetProperty("round").GetInt64()));
        Assert.Equal(validated.Select(r => r.Validation!.Loss), points.Select(p => p.GetProperty("loss").GetDouble()));
        Assert.Equal(validated.Select(r => r.Validation!.Rmse!.Value), points.Select(p => p.GetProperty("watched").GetDouble()));

        using var detail = await JsonAsync(page, $"/api/jobs/{job}");
        var validation = detail.RootElement.GetProperty("validation");
        Assert.Equal(info.BestRound, validation.GetProperty("bestRound").GetInt64());
        Assert.Equal(info.FinalValidationMetrics!.Rmse, validation.GetProperty("finalValidation").GetProperty("rmse").GetDouble());

        using var list = await JsonAsync(page, "/api/jobs");
        var summary = list.RootElement.EnumerateArray().Single(j => j.GetProperty("name").GetString() == job).GetProperty("validation");
        Assert.Equal("Rmse", summary.GetProperty("metric").GetString());
        Assert.Equal(info.Validation!.Rmse, summary.GetProperty("latest").GetDouble());
    }

    private static async Task<JsonDocument> JsonAsync(IPage page, string path)
    {
        var response = await page.Context.APIRequest.GetAsync(path);
        Assert.True(response.Ok, $"{path}: {response.Status}");
        return JsonDocument.Parse(await response.TextAsync());
    }

    private static double Parse(string? text) => double.Parse(text!, NumberStyles.Float, CultureInfo.InvariantCulture);
}
