using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
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

    /// <summary>Adds an Orleans client of the cluster (with the dashboard's client side), a Redis connection and the console's queries.</summary>
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
        builder.Services.AddSingleton(services => new TrainerClient(services.GetRequiredService<IClusterClient>()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GrainStateReader>();
        builder.Services.AddSingleton<ClusterQueries>();
        builder.Services.AddSingleton<DatasetQueries>();
        builder.Services.AddSingleton<JobQueries>();
        builder.Services.AddSingleton<StateInspector>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        return builder;
    }

    /// <summary>
    /// Everything requires an authenticated admin: a cookie session after logging in with the key at <c>/login</c>, or
    /// <c>Authorization: Bearer KEY</c> for scripts. Unauthenticated page requests go to the login page; API requests get 401.
    /// </summary>
    public static IServiceCollection AddAdminAuthentication(this IServiceCollection services, string keyHash)
    {
        services.AddSingleton(new AdminKeyVerifier(keyHash));
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
            })
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(authorization =>
        {
            var admin = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            authorization.DefaultPolicy = admin;
            authorization.FallbackPolicy = admin;
        });
        return services;
    }
}
