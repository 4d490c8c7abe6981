using System.Net;
using OrleansTrainer.Admin.Security;

namespace OrleansTrainer.Admin.Tests;

/// <summary>Every response carries the security headers: pages, API, login, static files, probes, refusals.</summary>
[Collection(AdminConsoleCollection.Name)]
public sealed class SecurityHeadersTests(AdminConsoleFixture fixture)
{
    [Theory]
    [InlineData("/login", null, HttpStatusCode.OK)]
    [InlineData("/css/admin.css", null, HttpStatusCode.OK)]
    [InlineData("/js/line-chart.js", null, HttpStatusCode.OK)]
    [InlineData("/health/ready", null, HttpStatusCode.OK)]
    [InlineData("/jobs", null, HttpStatusCode.Redirect)]
    [InlineData("/api/jobs", null, HttpStatusCode.Unauthorized)]
    [InlineData("/api/jobs", AdminConsoleFixture.ViewerKey, HttpStatusCode.OK)]
    [InlineData("/api/state/trainer?key=..%2Fx", AdminConsoleFixture.ViewerKey, HttpStatusCode.NotFound)]
    [InlineData("/dashboard/", AdminConsoleFixture.ViewerKey, HttpStatusCode.OK)]
    public async Task A_response_carries_the_security_headers(string path, string? key, HttpStatusCode status)
    {
        using var http = key is null ? AdminHttp.Client(fixture.BaseAddress) : AdminHttp.Bearer(fixture.BaseAddress, key);
        AssertHeaders(await http.GetAsync(path), status);
    }

    [Fact]
    public async Task A_signed_in_page_and_a_refused_control_post_carry_the_security_headers()
    {
        using var http = AdminHttp.Client(fixture.BaseAddress);
        await AdminHttp.LogInAsync(http, AdminConsoleFixture.ViewerKey);
        AssertHeaders(await http.GetAsync($"/datasets/{AdminConsoleFixture.Dataset}"), HttpStatusCode.OK);
        using var script = AdminHttp.Bearer(fixture.BaseAddress, AdminConsoleFixture.ViewerKey);
        AssertHeaders(await script.PostAsync("/api/jobs/any-job/pause", null), HttpStatusCode.Forbidden);
    }

    private static void AssertHeaders(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
