using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using OrleansTrainer.Abstractions;

namespace OrleansTrainer.Admin.Tests;

/// <summary>What the console refuses: unauthenticated requests, wrong keys, state changes without an anti-forgery token.</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed partial class AccessTests(AdminConsoleFixture fixture)
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

        await LogInAsync(http);
        var forged = await http.PostAsync($"/jobs/{job}?handler=Pause", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var page = await http.GetAsync($"/jobs/{job}?handler=Pause");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(JobStatus.Running, (await fixture.Client.GetJobAsync(job)).Status);

        var wrong = await http.PostAsync("/login", new FormUrlEncodedContent([new("key", "wrong")]));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        await fixture.Client.CancelJobAsync(job);
    }

    private HttpClient Http() => new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = fixture.BaseAddress };

    private static async Task LogInAsync(HttpClient http)
    {
        var form = await http.GetStringAsync("/login");
        var token = TokenPattern().Match(form).Groups[1].Value;
        var response = await http.PostAsync("/login", new FormUrlEncodedContent([new("key", AdminConsoleFixture.Key), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
