using Orleans.Dashboard;
using OrleansTrainer.Admin;
using OrleansTrainer.Admin.Api;
using OrleansTrainer.Admin.Security;
using OrleansTrainer.Hosting;
using OrleansTrainer.Redis;

if (HashKeyCommand.IsRequested(args))
{
    return HashKeyCommand.Run(Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Configuration.AddEnvironmentVariables("OTRAIN_").AddCommandLine(args);
builder.Configuration.AddRedisSecretFile();
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:8080");
}

IReadOnlyList<AdminUser> users;
AdminLockoutOptions lockout;
try
{
    users = AdminKeyPolicy.Resolve(
        builder.Configuration.GetSection(AdminSecurityOptions.Section).Get<AdminSecurityOptions>() ?? new AdminSecurityOptions(),
        builder.Environment.IsDevelopment());
    lockout = builder.Configuration.GetSection(AdminLockoutOptions.Section).Get<AdminLockoutOptions>() ?? new AdminLockoutOptions();
    if (new AdminLockoutOptionsValidator().Validate(null, lockout) is { Failed: true } invalid)
    {
        throw new InvalidOperationException(invalid.FailureMessage);
    }
}
catch (InvalidOperationException refused)
{
    Console.Error.WriteLine($"admin console refuses to start: {refused.Message}");
    return 1;
}

var cluster = builder.Configuration.GetSection(AdminConsoleOptions.Section).Get<AdminConsoleOptions>() ?? new AdminConsoleOptions();
try
{
    await TrainerRedisConnection.VerifyAsync(cluster.Redis, cluster.RedisTls, RedisOptionNames.InSection(AdminConsoleOptions.Section));
}
catch (Exception refused) when (refused is RedisAccessException or InvalidOperationException)
{
    Console.Error.WriteLine($"admin console refuses to start: {refused.Message}");
    return 1;
}

builder.AddClusterAccess(cluster);
builder.Services.AddAdminAuthentication(users, lockout);
builder.Services.AddRazorPages();
builder.Services.AddTrainerHealthChecks();
builder.AddTrainerTelemetry("otrain-admin", meters: ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"], activitySources: []);

var app = builder.Build();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapTrainerHealthEndpoints();
app.MapPrometheusScrapingEndpoint(TrainerTelemetryExtensions.MetricsPath).AllowAnonymous();
app.MapAdminApi();
app.MapOrleansDashboard(routePrefix: "/dashboard");
if (builder.Environment.IsDevelopment() && users is [{ Name: AdminSecurityOptions.LegacyUser }] && AdminKeyHash.Verify(AdminKeyPolicy.DevelopmentKey, users[0].KeyHash))
{
    app.Logger.LogWarning("Development: no Admin:KeyHash configured; the key is \"{Key}\"", AdminKeyPolicy.DevelopmentKey);
}

await app.RunAsync();
return 0;
