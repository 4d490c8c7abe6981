using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OrleansTrainer.Admin.Security;

/// <summary>
/// Authenticates scripts that send <c>Authorization: Bearer KEY</c> to the JSON endpoints (no cookie, so no CSRF
/// exposure) as the user whose key it is; a wrong key counts against the client in <see cref="KeyAttempts"/>.
/// </summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminKeyVerifier verifier, KeyAttempts attempts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "AdminKey";

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return AuthenticateResult.NoResult();
        }

        if (verifier.Find(header["Bearer ".Length..].Trim()) is not { } user)
        {
            await attempts.FailedAsync(Context);
            return AuthenticateResult.Fail("wrong admin key");
        }

        attempts.Succeeded(Context);
        return AuthenticateResult.Success(new AuthenticationTicket(user.ToPrincipal(SchemeName), SchemeName));
    }
}
