using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Demo;
using Workflow.Gateway;
using Workflow.Hosting;

namespace Workflow.Embedded;

/// <summary>
/// <c>/api/dev/*</c>: demo users, their tokens and the movable clock, for demos and end-to-end checks.
/// Mapped only when <see cref="DevEndpoints"/> says so (the embedded host on loopback addresses);
/// otherwise the routes do not exist and answer 404 like any unknown path.
/// </summary>
public static class DevApi
{
    public const string ClockBackwardsRule = "clock-backwards";

    public static IEndpointRouteBuilder MapDevApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.ServiceProvider.GetRequiredService<DevEndpoints>().Enabled)
        {
            return app;
        }

        var dev = app.MapGroup("/api/dev").AllowAnonymous().WithTags("Development").CallsGrains();
        dev.MapGet("/users", ListUsers).WithName("ListDemoUsers")
            .WithSummary("The demo users and the claims their tokens carry.");
        dev.MapPost("/token", IssueToken).WithName("IssueDevToken")
            .WithSummary("A short-lived bearer token for a demo user (LandFlow:Auth:TokenLifetime, 15 minutes by default).")
            .Refuses(StatusCodes.Status400BadRequest)
            .Refuses(StatusCodes.Status404NotFound);
        dev.MapGet("/clock", ReadClock).WithName("GetDevClock")
            .WithSummary("The platform's clock.");
        dev.MapPost("/clock", MoveClock).WithName("MoveDevClock")
            .WithSummary("Moves the platform's clock forward, firing every deadline that falls due on the way.")
            .Refuses(StatusCodes.Status400BadRequest)
            .Refuses(StatusCodes.Status409Conflict, ClockBackwardsRule);
        return app;
    }

    public sealed record TokenRequest(string? User);

    /// <summary>Exactly one of the two: an instant with an offset, or an ISO 8601 duration such as P30D.</summary>
    public sealed record ClockMoveRequest(string? Now = null, string? Advance = null);

    public sealed record ClockView(DateTimeOffset Now);

    private static Results<Ok<UserView[]>, ProblemHttpResult> ListUsers(HttpContext context)
    {
        if (context.RequestServices.GetService<IUserDirectory>() is not { } directory)
        {
            return NoDirectory();
        }

        return TypedResults.Ok(directory.All.Select(user => UserView.Of(DemoCallers.Of(user))).ToArray());
    }

    private static Results<Ok<IssuedToken>, ProblemHttpResult> IssueToken(TokenRequest request, HttpContext context, JwtTokenIssuer issuer)
    {
        if (string.IsNullOrWhiteSpace(request.User))
        {
            return Problems.Invalid(
                "The field 'user' is required: the id of a demo user (GET /api/dev/users lists them).",
                new Dictionary<string, string[]> { ["user"] = ["Required."] });
        }

        if (context.RequestServices.GetService<IUserDirectory>() is not { } directory)
        {
            return NoDirectory();
        }

        if (directory.Find(request.User) is not { } user)
        {
            return Problems.NotFound($"There is no demo user '{request.User}'; GET /api/dev/users lists them.");
        }

        return TypedResults.Ok(issuer.Issue(DemoCallers.Of(user)));
    }

    private static async Task<Results<Ok<ClockView>, ProblemHttpResult>> ReadClock(HttpContext context, CancellationToken cancellationToken) =>
        context.RequestServices.GetService<IDevClockControl>() is { } clock
            ? TypedResults.Ok(new ClockView(await clock.NowAsync(cancellationToken)))
            : NoClock();

    private static async Task<Results<Ok<ClockView>, ProblemHttpResult>> MoveClock(
        ClockMoveRequest request, HttpContext context, CancellationToken cancellationToken)
    {
        if ((request.Now is null) == (request.Advance is null))
        {
            return Problems.Invalid(
                "Send exactly one of 'now' (a later instant, e.g. \"2025-06-01T09:00:00+08:00\") and 'advance' (an ISO 8601 duration, e.g. \"P30D\").");
        }

        if (context.RequestServices.GetService<IDevClockControl>() is not { } clock)
        {
            return NoClock();
        }

        DateTimeOffset target;
        if (request.Now is not null)
        {
            if (!TryParseInstant(request.Now, out target))
            {
                return Problems.Invalid(
                    $"'now' must be an ISO 8601 instant with an offset, e.g. \"2025-06-01T09:00:00+08:00\"; got \"{request.Now}\".",
                    new Dictionary<string, string[]> { ["now"] = ["Not an ISO 8601 instant with an offset."] });
            }
        }
        else if (IsoDuration.TryParse(request.Advance, out var advance))
        {
            target = await clock.NowAsync(cancellationToken) + advance;
        }
        else
        {
            return Problems.Invalid(
                $"'advance' must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. \"P30D\", \"PT2H\", \"P1W\" or \"P1DT12H\"; got \"{request.Advance}\".",
                new Dictionary<string, string[]> { ["advance"] = ["Not a supported ISO 8601 duration."] });
        }

        var now = await clock.NowAsync(cancellationToken);
        if (target < now)
        {
            return Backwards(now, target);
        }

        try
        {
            return TypedResults.Ok(new ClockView(await clock.MoveToAsync(target, cancellationToken)));
        }
        catch (ArgumentOutOfRangeException)
        {
            // Someone else moved it past the target in the meantime.
            return Backwards(await clock.NowAsync(cancellationToken), target);
        }
    }

    private static bool TryParseInstant(string text, out DateTimeOffset instant)
    {
        instant = default;
        var trimmed = text.Trim();
        // An instant without an offset would be read in the server's zone; refuse the guess.
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z')
            || (trimmed.Length > 6 && trimmed[^6] is '+' or '-' && trimmed[^3] == ':');
        return hasOffset && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    private static ProblemHttpResult Backwards(DateTimeOffset now, DateTimeOffset target) =>
        Problems.Rule(
            StatusCodes.Status409Conflict,
            ClockBackwardsRule,
            "The clock only moves forward",
            $"The clock is at {now:O}; {target:O} is earlier. It can be moved forward only.");

    private static ProblemHttpResult NoDirectory() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "No user directory",
            detail: "This host has no user directory to issue development tokens from.");

    private static ProblemHttpResult NoClock() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "No development clock",
            detail: "This host runs no movable development clock.");
}
