using System.Threading.RateLimiting;
using Workflow.ServiceDefaults;

namespace Workflow.Gateway;

/// <summary>
/// Which bucket a request draws from: writes and reads apart, per authenticated user (<c>sub</c>), anonymous
/// requests per remote address. Health probes and the API documents draw from none: a probe that is refused
/// restarts a healthy pod.
/// </summary>
public static class RateLimitPartitions
{
    public static PartitionedRateLimiter<HttpContext> Create(LandFlowRateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var writes = Bucket(options.WritesPerSecond, options.WriteBurst);
        var reads = Bucket(options.ReadsPerSecond, options.ReadBurst);
        return PartitionedRateLimiter.Create<HttpContext, RateLimitPartitionKey>(context =>
        {
            if (IsExempt(context.Request.Path))
            {
                return RateLimitPartition.GetNoLimiter(RateLimitPartitionKey.Exempt);
            }

            var key = KeyOf(context);
            return RateLimitPartition.GetTokenBucketLimiter(key, partition => partition.IsWrite ? writes : reads);
        });
    }

    public static RateLimitPartitionKey KeyOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var isWrite = IsWrite(context.Request.Method);
        var user = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(LandFlowClaimTypes.Subject)?.Value : null;
        return user is not null
            ? new RateLimitPartitionKey(isWrite, "user", user)
            : new RateLimitPartitionKey(isWrite, "address", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    public static bool IsWrite(string method) => !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments(ServiceDefaultsExtensions.LivePath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ServiceDefaultsExtensions.ReadyPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ApiDocs.DocumentPath, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(ApiDocs.PagePath, StringComparison.OrdinalIgnoreCase);

    private static TokenBucketRateLimiterOptions Bucket(int perSecond, int burst) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        // Refused at once with Retry-After, never held in a queue: a held request still costs a connection.
        QueueLimit = 0,
        // The partitioned limiter refills every bucket from one timer of its own.
        AutoReplenishment = false,
    };
}

/// <summary>One bucket: writes or reads, of a user (<c>sub</c>) or of an anonymous caller's address.</summary>
public readonly record struct RateLimitPartitionKey(bool IsWrite, string Kind, string Caller)
{
    public static RateLimitPartitionKey Exempt { get; } = new(false, "exempt", "");
}
