using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace OrleansTrainer.Admin.Tests;

/// <summary>Plain HTTP to a console: a client that keeps cookies and does not follow redirects, and the login form.</summary>
public static partial class AdminHttp
{
    /// <summary>A client of <paramref name="console"/> with a cookie jar of its own and no redirect following.</summary>
    public static HttpClient Client(Uri console) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = console };

    /// <summary>A client of <paramref name="console"/> that presents <paramref name="key"/> as a bearer token.</summary>
    public static HttpClient Bearer(Uri console, string key)
    {
        var http = Client(console);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    /// <summary>The anti-forgery token of the form on <paramref name="path"/>.</summary>
    public static async Task<string> TokenAsync(HttpClient http, string path) => TokenPattern().Match(await http.GetStringAsync(path)).Groups[1].Value;

    /// <summary>Posts <paramref name="key"/> to the login form, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string key) =>
        await http.PostAsync("/login", new FormUrlEncodedContent([new("key", key), new("__RequestVerificationToken", await TokenAsync(http, "/login"))]));

    /// <summary>Logs in with <paramref name="key"/> and checks that the console started a session.</summary>
    public static async Task LogInAsync(HttpClient http, string key)
    {
        var response = await PostLoginAsync(http, key);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
