namespace OrleansTrainer.Admin.Security;

/// <summary>
/// The headers every response carries (pages, API, login, static files, the Orleans dashboard, errors and 429s):
/// a Content-Security-Policy that allows the console's own scripts, styles, images and fonts and nothing inline or
/// foreign, no framing, no MIME sniffing, and no referrer beyond the console itself.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers to every response; call first, before anything that may answer.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        await next();
    });
}
