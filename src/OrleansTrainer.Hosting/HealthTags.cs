namespace OrleansTrainer.Hosting;

/// <summary>The tags that assign a health check to a probe endpoint.</summary>
public static class HealthTags
{
    /// <summary>Checks of <c>/health/startup</c>: the host has started.</summary>
    public const string Startup = "startup";

    /// <summary>Checks of <c>/health/ready</c>: the host can serve work now (its dependencies answer).</summary>
    public const string Ready = "ready";

    /// <summary>Checks of <c>/health/live</c>: the process is not wedged. Keep these free of dependencies, or a Redis
    /// outage would make Kubernetes restart every pod.</summary>
    public const string Live = "live";
}
