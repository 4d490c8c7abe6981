using System.Threading.RateLimiting;

namespace OrleansTrainer.Admin.Security;

/// <summary>
/// The console's global rate limiter (ASP.NET Core's rate-limiting middleware): a request that presents a key — a
/// login form post or an <c>Authorization</c> header — is refused while its client is locked out by
/// <see cref="KeyAttempts"/>, before the key is even checked; every other request passes.
/// </summary>
public sealed class KeyAttemptLimiter(KeyAttempts attempts) : PartitionedRateLimiter<HttpContext>
{
    /// <summary>Whether <paramref name="context"/> presents a key.</summary>
    public static bool PresentsKey(HttpContext context) =>
        context.Request.Headers.Authorization.Count > 0
        || (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals("/login", StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    /// <inheritdoc />
    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        new Lease(PresentsKey(resource) ? attempts.LockedOutFor(resource) : null);

    /// <inheritdoc />
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    /// <summary>Acquired unless there is a lockout left; then refused, with the time left as its retry-after metadata.</summary>
    private sealed class Lease(TimeSpan? lockedOutFor) : RateLimitLease
    {
        public override bool IsAcquired => lockedOutFor is null;

        public override IEnumerable<string> MetadataNames => lockedOutFor is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? lockedOutFor : null;
            return metadata is not null;
        }
    }
}
