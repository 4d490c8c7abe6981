using OrleansTrainer.Admin.Services;

namespace OrleansTrainer.Admin.Api;

/// <summary>
/// The JSON endpoints behind the pages, for scripts (<c>Authorization: Bearer KEY</c>) and for the loss chart. All read
/// only: state changes go through the pages' anti-forgery-protected forms or the otrain tool.
/// </summary>
public static class ApiEndpoints
{
    /// <summary>Maps <c>/api/cluster</c>, <c>/api/datasets[/{name}]</c>, <c>/api/jobs[/{name}[/metrics?from=N]]</c>, <c>/api/state/{kind}?key=K</c>.</summary>
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
        return app;
    }

    private static IResult OkOrNotFound<T>(T? value) where T : class => value is null ? Results.NotFound() : Results.Ok(value);
}
