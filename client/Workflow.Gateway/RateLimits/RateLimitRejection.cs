using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Workflow.Gateway;

/// <summary>The 429: problem details with the rule <c>rate-limited</c>, and <c>Retry-After</c> in whole seconds.</summary>
public static partial class RateLimitRejection
{
    public const string Rule = "rate-limited";

    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var context = rejected.HttpContext;
        var options = context.RequestServices.GetRequiredService<IOptions<LandFlowRateLimitOptions>>().Value;
        var key = RateLimitPartitions.KeyOf(context);
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var (what, burst, perSecond) = key.IsWrite
            ? ("writes", options.WriteBurst, options.WritesPerSecond)
            : ("reads", options.ReadBurst, options.ReadsPerSecond);
        var who = key.Kind == "user" ? $"user '{key.Caller}'" : "this address";
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitRejection)),
            context.Request.Method, context.Request.Path, key.Kind, key.Caller);
        await Problems.Rule(
                StatusCodes.Status429TooManyRequests,
                Rule,
                "Too many requests",
                $"Too many {what} from {who}: {burst} at once and {perSecond} a second after that. Retry after {seconds} s.")
            .ExecuteAsync(context);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Answered 429 to {Method} {Path}: the {Kind} {Caller} is over its rate limit")]
    private static partial void LogRejected(ILogger logger, string method, string path, string kind, string caller);
}
