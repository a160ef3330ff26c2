using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>
/// Campaigns (双月攻坚): <c>POST /api/campaigns</c> opens one, <c>GET /api/campaigns</c> lists those the caller may read
/// with their verdicts, <c>GET /api/campaigns/{id}</c> reads one with its week-by-week progress. Who may do and see what,
/// and how progress is counted, are decided by the campaign grains (docs/campaigns.md).
/// </summary>
public static partial class CampaignsApi
{
    public static IEndpointRouteBuilder MapCampaignsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var campaigns = app.MapGroup("/api/campaigns").WithTags("Campaigns").RequireAuthorization().CallsGrains();
        campaigns.MapPost("/", OpenAsync).WithName("OpenCampaign")
            .WithSummary("A leader or an administrator opens a campaign: projects or steps (optionally in some counties), a window of days and a target (completions or an on-time rate); repeating the same id and terms answers it as it is")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidCampaign)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status409Conflict, Rules.CampaignExists);
        campaigns.MapGet("/", ListAsync).WithName("ListCampaigns")
            .WithSummary("The campaigns the caller may read, with their verdicts now: leaders and administrators every one, a county's officer those for their county alone");
        campaigns.MapGet("/{id}", GetAsync).WithName("GetCampaign")
            .WithSummary("One campaign with its progress week by week against its target")
            .Refuses(StatusCodes.Status404NotFound);
        return app;
    }

    /// <param name="Id">Optional: the caller's own id (letters, digits, '-', at most 64), which makes a repeat safe; one
    /// is made when absent.</param>
    /// <param name="First">The window's first day, yyyy-MM-dd (China date).</param>
    /// <param name="Last">The window's last day, yyyy-MM-dd, included.</param>
    /// <param name="Procedure">With steps: the procedure they belong to (default land-acquisition).</param>
    public sealed record OpenCampaignRequest(
        string? Id, string? Title, string? First, string? Last,
        IReadOnlyList<string>? Projects, string? Procedure, IReadOnlyList<string>? Steps, IReadOnlyList<string>? Counties,
        CampaignTargetRequest? Target);

    /// <summary>Exactly one of the two.</summary>
    public sealed record CampaignTargetRequest(int? Completions, double? OnTimeRate);

    private static async Task<Results<Created<CampaignView>, ProblemHttpResult>> OpenAsync(
        OpenCampaignRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (request.Id is { } chosen && !IsId(chosen))
        {
            return Invalid("A campaign id has letters, digits and '-' only, at most 64 of them.");
        }

        if (!TryDate(request.First, out var first) || !TryDate(request.Last, out var last))
        {
            return Invalid("A campaign's window is two dates, first and last, written yyyy-MM-dd.");
        }

        // The rest of the terms (title, scope, target) are judged by the domain behind the grain.
        var id = request.Id ?? "camp-" + Guid.NewGuid().ToString("N")[..12];
        var command = new OpenCampaignCommand(
            request.Title ?? "", first, last,
            [.. request.Projects ?? []], request.Procedure, [.. request.Steps ?? []], [.. request.Counties ?? []],
            request.Target?.Completions, request.Target?.OnTimeRate);
        var campaign = cluster.GetGrain<ICampaignGrain>(id);

        // The id is fixed before the call, and opening again with the same terms answers the same campaign: safe to repeat.
        var reply = await calls.IdempotentWriteAsync(() => campaign.OpenAsync(command, Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/campaigns/{reply.Campaign!.Id}", reply.Campaign);
    }

    private static async Task<Results<Ok<CampaignList>, ProblemHttpResult>> ListAsync(HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        var registry = cluster.GetGrain<ICampaignRegistryGrain>(0);
        var reply = await calls.ReadAsync(() => registry.ListAsync(Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(new CampaignList(reply.Campaigns ?? []));
    }

    private static async Task<Results<Ok<CampaignView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        if (!IsId(id))
        {
            return Problems.NotFound($"No campaign '{id}'.");
        }

        var campaign = cluster.GetGrain<ICampaignGrain>(id);
        var reply = await calls.ReadAsync(() => campaign.GetAsync(Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Campaign!);
    }

    private static ProblemHttpResult Invalid(string detail) =>
        Problems.Rule(StatusCodes.Status400BadRequest, Rules.InvalidCampaign, "Invalid request", detail);

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static bool IsId(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}

/// <summary>The answer of <c>GET /api/campaigns</c>.</summary>
public sealed record CampaignList(IReadOnlyList<CampaignSummary> Items);
