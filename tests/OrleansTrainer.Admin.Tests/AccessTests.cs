using System.Net;
using System.Net.Http.Headers;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Admin.Tests;

/// <summary>What the console refuses: unauthenticated requests, wrong keys, state changes without an anti-forgery token or by a viewer.</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class AccessTests(AdminConsoleFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/jobs")]
    [InlineData("/datasets/diabetes")]
    [InlineData("/state?kind=dataset&key=diabetes")]
    [InlineData("/dashboard/")]
    public async Task An_unauthenticated_page_request_is_sent_to_the_login_page(string path)
    {
        using var http = Http();
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/health/startup")]
    [InlineData("/health/ready")]
    [InlineData("/health/live")]
    public async Task The_probes_answer_without_credentials(string path)
    {
        using var http = Http();
        var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/state?kind=trainer&key=..%2F..%2Fotrain")]
    [InlineData("/state?kind=block&key=..%2Fdiabetes%2F0")]
    [InlineData("/state?kind=block&key=diabetes%2F..%2F0")]
    [InlineData("/state?kind=shard&key=diabetes%2F-1")]
    [InlineData("/state?kind=dataset&key=..")]
    [InlineData("/state?kind=dataset&key=other-service%2Fstate%2Fdataset%2Fdiabetes")]
    [InlineData("/state?kind=dataset&key=other-service:diabetes")]
    [InlineData("/state?kind=redis&key=diabetes")]
    [InlineData("/state?kind=dataset")]
    [InlineData("/api/state/trainer?key=..%2F..%2Fotrain")]
    [InlineData("/api/state/block?key=other-service%2Fstate%2Fweightblock%2Fjob%2F0")]
    [InlineData("/api/state/state?key=diabetes")]
    public async Task A_state_request_for_anything_but_a_known_grain_kind_and_a_plain_key_is_not_found(string path)
    {
        using var http = AdminHttp.Bearer(fixture.BaseAddress, AdminConsoleFixture.ViewerKey);
        using var browser = Http();
        await AdminHttp.LogInAsync(browser, AdminConsoleFixture.ViewerKey);
        Assert.Equal(HttpStatusCode.NotFound, (await (path.StartsWith("/api/", StringComparison.Ordinal) ? http : browser).GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_state_request_without_a_key_is_a_bad_request_and_a_known_key_reads_under_the_service_prefix_only()
    {
        using var http = AdminHttp.Bearer(fixture.BaseAddress, AdminConsoleFixture.ViewerKey);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync("/api/state/dataset")).StatusCode);
        var state = await http.GetStringAsync($"/api/state/dataset?key={AdminConsoleFixture.Dataset}");
        Assert.Matches($"\"redisKey\":\"{fixture.Cluster.ServiceId}/state/[a-z]+/{AdminConsoleFixture.Dataset}/dataset\"", state);
    }

    [Fact]
    public async Task The_json_endpoints_need_the_key()
    {
        using var http = Http();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/jobs")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/datasets")).StatusCode);

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminConsoleFixture.Key);
        var datasets = await http.GetStringAsync("/api/datasets");
        Assert.Contains("\"name\":\"diabetes\"", datasets);
        Assert.Contains("\"status\":\"Active\"", await http.GetStringAsync("/api/cluster"));
    }

    [Fact]
    public async Task A_state_change_without_a_session_or_without_an_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var job = "access-job";
        await fixture.StartLongJobAsync(job);
        using var http = Http();
        var anonymous = await http.PostAsync($"/jobs/{job}?handler=Pause", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);

        await AdminHttp.LogInAsync(http, AdminConsoleFixture.Key);
        var forged = await http.PostAsync($"/jobs/{job}?handler=Pause", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var page = await http.GetAsync($"/jobs/{job}?handler=Pause");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(JobStatus.Running, (await fixture.Client.GetJobAsync(job)).Status);

        var wrong = await http.PostAsync("/login", new FormUrlEncodedContent([new("key", "wrong")]));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        await fixture.Client.CancelJobAsync(job);
    }

    [Fact]
    public async Task A_viewer_reads_pages_and_the_api_but_every_control_request_is_refused_403_and_changes_nothing()
    {
        var job = "viewer-job";
        await fixture.StartLongJobAsync(job);
        using var script = AdminHttp.Bearer(fixture.BaseAddress, AdminConsoleFixture.ViewerKey);
        Assert.Contains($"\"name\":\"{job}\"", await script.GetStringAsync("/api/jobs"));
        foreach (var control in new[] { "pause", "resume", "cancel", "learning-rate?value=0.5" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await script.PostAsync($"/api/jobs/{job}/{control}", null)).StatusCode);
        }

        using var browser = Http();
        await AdminHttp.LogInAsync(browser, AdminConsoleFixture.ViewerKey);
        var page = await browser.GetStringAsync($"/jobs/{job}");
        Assert.Contains("victor (viewer)", page);
        Assert.DoesNotContain("id=\"pause\"", page);
        var token = await AdminHttp.TokenAsync(browser, $"/jobs/{job}");
        foreach (var handler in new[] { "Pause", "Cancel", "LearningRate" })
        {
            var refused = await browser.PostAsync($"/jobs/{job}?handler={handler}",
                new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("learningRate", "0.5")]));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var unchanged = await fixture.Client.GetJobAsync(job);
        Assert.Equal(JobStatus.Running, unchanged.Status);
        Assert.Equal(0.002, unchanged.Spec!.LearningRate);
        Assert.Equal([JobEventKind.Started], unchanged.History.Select(e => e.Kind));
        await fixture.Client.CancelJobAsync(job);
    }

    [Fact]
    public async Task An_operator_steers_a_job_through_the_api_with_a_key_not_a_cookie_and_the_history_names_them()
    {
        var job = "operator-job";
        await fixture.StartLongJobAsync(job);
        using var browser = Http();
        await AdminHttp.LogInAsync(browser, AdminConsoleFixture.OperatorKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsync($"/api/jobs/{job}/pause", null)).StatusCode);
        Assert.Equal(JobStatus.Running, (await fixture.Client.GetJobAsync(job)).Status);

        using var script = AdminHttp.Bearer(fixture.BaseAddress, AdminConsoleFixture.OperatorKey);
        Assert.Contains("\"status\":\"Paused\"", await (await script.PostAsync($"/api/jobs/{job}/pause", null)).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await script.PostAsync($"/api/jobs/{job}/learning-rate?value=0.003", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.PostAsync($"/api/jobs/{job}/resume", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.PostAsync($"/api/jobs/{job}/cancel", null)).StatusCode);
        var refused = await script.PostAsync($"/api/jobs/{job}/pause", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("only a running job can be paused", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await script.PostAsync("/api/jobs/no-such-job/pause", null)).StatusCode);

        var history = (await fixture.Client.GetJobAsync(job)).History;
        Assert.Equal([JobEventKind.Started, JobEventKind.Paused, JobEventKind.LearningRateChanged, JobEventKind.Resumed, JobEventKind.Cancelled], history.Select(e => e.Kind));
        Assert.DoesNotContain("alice", history[0].Detail);
        Assert.Equal("by alice (api)", history[1].Detail);
        Assert.Equal("learning rate 0.002 -> 0.003 by alice (api)", history[2].Detail);
        Assert.Equal("by alice (api)", history[3].Detail);
        Assert.Matches(@"^cancelled at round \d+ by alice \(api\)$", history[4].Detail);
    }

    private HttpClient Http() => AdminHttp.Client(fixture.BaseAddress);
}
