using System.Security.Claims;
using OrleansTrainer.Admin.Security;
using OrleansTrainer.Admin.Services;

namespace OrleansTrainer.Admin.Api;

/// <summary>
/// The JSON endpoints behind the pages, for scripts (<c>Authorization: Bearer KEY</c>) and for the loss chart. The
/// reads are open to every user; the job controls (POST) to operators presenting their key as a bearer token only — a
/// cookie session steers jobs through the pages' anti-forgery-protected forms.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>How the job history names the API's calls: <c>by USER (api)</c>.</summary>
    private const string Channel = "api";

    /// <summary>
    /// Maps <c>/api/cluster</c>, <c>/api/datasets[/{name}]</c>, <c>/api/jobs[/{name}[/metrics?from=N]]</c>, <c>/api/state/{kind}?key=K</c>,
    /// and <c>POST /api/jobs/{name}/{pause|resume|cancel}</c>, <c>POST /api/jobs/{name}/learning-rate?value=X</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization();
        api.MapGet("/cluster", (ClusterQueries cluster) => cluster.GetAsync());
        api.MapGet("/datasets", (DatasetQueries datasets) => datasets.ListAsync());
        api.MapGet("/datasets/{name}", async (string name, DatasetQueries datasets) => OkOrNotFound(await datasets.GetAsync(name)));
        api.MapGet("/jobs", (JobQueries jobs) => jobs.ListAsync());
        api.MapGet("/jobs/{name}", async (string name, JobQueries jobs) => OkOrNotFound(await jobs.GetAsync(name)));
        api.MapGet("/jobs/{name}/metrics", async (string name, long? from, JobQueries jobs) => OkOrNotFound(await jobs.MetricsAsync(name, from ?? 0)));
        api.MapGet("/state/{kind}", async (string kind, string key, StateInspector inspector) => OkOrNotFound(await inspector.InspectAsync(kind, key)));

        var control = api.MapGroup("/jobs/{name}").RequireAuthorization(AdminPolicies.OperatorKey);
        control.MapPost("/pause", (string name, ClaimsPrincipal user, JobControl jobs, JobQueries queries) =>
            ControlAsync(name, queries, () => jobs.PauseAsync(name, user, Channel)));
        control.MapPost("/resume", (string name, ClaimsPrincipal user, JobControl jobs, JobQueries queries) =>
            ControlAsync(name, queries, () => jobs.ResumeAsync(name, user, Channel)));
        control.MapPost("/cancel", (string name, ClaimsPrincipal user, JobControl jobs, JobQueries queries) =>
            ControlAsync(name, queries, () => jobs.CancelAsync(name, user, Channel)));
        control.MapPost("/learning-rate", (string name, double value, ClaimsPrincipal user, JobControl jobs, JobQueries queries) =>
            ControlAsync(name, queries, () => jobs.SetLearningRateAsync(name, value, user, Channel)));
        return app;
    }

    /// <summary>Applies a control to an existing job: the job as it is afterwards; 404 for no such job; 409 with the reason when its state refuses.</summary>
    private static async Task<IResult> ControlAsync(string name, JobQueries queries, Func<Task> action)
    {
        if (await queries.GetAsync(name) is null)
        {
            return Results.NotFound();
        }

        try
        {
            await action();
        }
        catch (Exception refused) when (refused is InvalidOperationException or ArgumentException)
        {
            return Results.Conflict(new { error = refused.Message });
        }

        return OkOrNotFound(await queries.GetAsync(name));
    }

    private static IResult OkOrNotFound<T>(T? value) where T : class => value is null ? Results.NotFound() : Results.Ok(value);
}
