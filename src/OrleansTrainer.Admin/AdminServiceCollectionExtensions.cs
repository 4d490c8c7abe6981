using System.Globalization;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.RateLimiting;
using Orleans.Configuration;
using Orleans.Dashboard;
using OrleansTrainer.Admin.Security;
using OrleansTrainer.Admin.Services;
using OrleansTrainer.Client;
using OrleansTrainer.Redis;
using StackExchange.Redis;

namespace OrleansTrainer.Admin;

/// <summary>The console's services: the Orleans client, Redis, the queries, and authentication.</summary>
public static class AdminServiceCollectionExtensions
{
    /// <summary>The default scheme: the key scheme for requests with a bearer token, the cookie session otherwise.</summary>
    private const string AdminScheme = "Admin";

    /// <summary>The data-protection application name: every replica protects cookies and anti-forgery tokens for the same one.</summary>
    private const string DataProtectionApplication = "otrain-admin";

    /// <summary>
    /// The Redis key of the console's data-protection key ring, <c>{service}/admin/data-protection-keys</c>: replicas share
    /// it, so a cookie or anti-forgery token one issues is good on the others, and a restart keeps sessions.
    /// </summary>
    public static string DataProtectionKey(string serviceId) => $"{serviceId}/admin/data-protection-keys";

    /// <summary>Adds an Orleans client of the cluster (with the dashboard's client side), a Redis connection (which also keeps the data-protection keys) and the console's queries.</summary>
    public static WebApplicationBuilder AddClusterAccess(this WebApplicationBuilder builder, AdminConsoleOptions options)
    {
        builder.Services.Configure<AdminConsoleOptions>(builder.Configuration.GetSection(AdminConsoleOptions.Section));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
            client.UseRedisClustering(redis => redis.ConfigurationOptions = TrainerRedisConnection.Options(options.Redis, options.RedisTls));
            client.UseTrainerTls(options.Tls, AdminConsoleOptions.Section + ":Tls:");
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                return true;
            });
            client.AddDashboard();
        });
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(TrainerRedisConnection.Options(options.Redis, options.RedisTls)));
        builder.Services.AddDataProtection().SetApplicationName(DataProtectionApplication);
        builder.Services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((keys, redis) =>
            keys.XmlRepository = new RedisXmlRepository(() => redis.GetDatabase(), DataProtectionKey(options.ServiceId)));
        builder.Services.AddSingleton(services => new TrainerClient(services.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GrainStateReader>();
        builder.Services.AddSingleton<ClusterQueries>();
        builder.Services.AddSingleton<DatasetQueries>();
        builder.Services.AddSingleton<JobQueries>();
        builder.Services.AddSingleton<StateInspector>();
        builder.Services.AddSingleton<JobControl>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        return builder;
    }

    /// <summary>
    /// Everything requires a signed-in user: a cookie session after logging in with a user's key at <c>/login</c>, or
    /// <c>Authorization: Bearer KEY</c> for scripts. Unauthenticated page requests go to the login page; API requests get
    /// 401; a viewer's control request gets 403. Wrong keys lock their client out for a while (<see cref="AdminLockoutOptions"/>).
    /// </summary>
    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services, IReadOnlyList<AdminUser> users, AdminLockoutOptions lockout)
    {
        services.AddSingleton(new AdminKeyVerifier(users));
        services.AddSingleton(lockout);
        services.AddSingleton<KeyAttempts>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                }

                await context.HttpContext.Response.WriteAsync("Too many wrong keys from this address; try again later.", cancellationToken);
            };
        });
        services.AddOptions<RateLimiterOptions>().Configure<KeyAttempts>((limiter, attempts) => limiter.GlobalLimiter = new KeyAttemptLimiter(attempts));
        services.AddAuthentication(AdminScheme)
            .AddPolicyScheme(AdminScheme, AdminScheme, scheme => scheme.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? AdminKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(cookie =>
            {
                cookie.LoginPath = "/login";
                cookie.Cookie.Name = "otrain.admin";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/api"))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    if (!context.HttpContext.RequestServices.GetRequiredService<AdminKeyVerifier>().IsCurrent(context.Principal!))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
            })
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(authorization =>
        {
            var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            authorization.DefaultPolicy = signedIn;
            authorization.FallbackPolicy = signedIn;
            authorization.AddPolicy(AdminPolicies.Operator, policy => policy.RequireRole(AdminPolicies.Operator));
            authorization.AddPolicy(AdminPolicies.OperatorKey, policy => policy
                .AddAuthenticationSchemes(AdminKeyAuthenticationHandler.SchemeName).RequireRole(AdminPolicies.Operator));
        });
        return services;
    }
}
