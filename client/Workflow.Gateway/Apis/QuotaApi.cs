using Microsoft.AspNetCore.Http.HttpResults;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>Farmland quota pools: read by the bureau's staff, stocked and transferred by administrators.</summary>
public static class QuotaApi
{
    public static IEndpointRouteBuilder MapQuotaApi(this IEndpointRouteBuilder app)
    {
        var quota = app.MapGroup("/api/quota").WithTags("Farmland quota").RequireAuthorization().CallsGrains();
        quota.MapGet("/{county}", GetAsync).WithName("GetQuotaPool").WithSummary("A county's pool: totals and lots")
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden, Rules.QuotaCountyForbidden)
            .Refuses(StatusCodes.Status404NotFound);
        quota.MapPost("/{county}/lots", DepositAsync).WithName("DepositQuotaLot").WithSummary("Deposit a certified lot (admin; idempotent by lotId)")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidLot)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status404NotFound)
            .Refuses(StatusCodes.Status409Conflict, Rules.LotConflict);
        quota.MapPost("/transfers", TransferAsync).WithName("TransferQuota").WithSummary("Move available quota between counties (admin; idempotent by transferId)")
            .Refuses(StatusCodes.Status400BadRequest, Rules.InvalidTransfer)
            .Refuses(StatusCodes.Status403Forbidden, Rules.RoleForbidden)
            .Refuses(StatusCodes.Status409Conflict, Rules.TransferConflict, Rules.QuotaAreaShort, Rules.QuotaPaddyShort);
        return app;
    }

    private static async Task<Results<Ok<LedgerView>, ProblemHttpResult>> GetAsync(string county, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        var ledger = cluster.GetGrain<IQuotaLedgerGrain>(county);
        var reply = await calls.ReadAsync(() => ledger.GetAsync(Caller.From(http.User).ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Ledger!);
    }

    private static async Task<Results<Ok<LedgerView>, Created<LedgerView>, ProblemHttpResult>> DepositAsync(
        string county, DepositLotRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        var caller = Caller.From(http.User);
        if (request.Validate() is { Count: > 0 } errors)
        {
            return Problems.Invalid("The lot is incomplete.", errors);
        }

        var ledger = cluster.GetGrain<IQuotaLedgerGrain>(county);
        var command = new DepositLotCommand(request.LotId!, request.Source!, request.AreaMu!.Value, request.PaddyMu!.Value, request.Grade!.Value, request.CertifiedOn!.Value);

        // The ledger deduplicates by lot id: a repeated deposit answers 200 with the ledger as it is.
        var reply = await calls.IdempotentWriteAsync(() => ledger.DepositLotAsync(command, caller.ToActor()), http.RequestAborted);
        if (reply.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        return reply.AlreadyApplied ? TypedResults.Ok(reply.Ledger!) : TypedResults.Created($"/api/quota/{county}", reply.Ledger!);
    }

    private static async Task<Results<Ok<TransferView>, ProblemHttpResult>> TransferAsync(TransferRequest request, HttpContext http, IClusterClient cluster, GrainCalls calls)
    {
        var caller = Caller.From(http.User);
        if (request.Validate() is { Count: > 0 } errors)
        {
            return Problems.Invalid("The transfer is incomplete or malformed.", errors);
        }

        var command = new TransferCommand(request.TransferId!, request.From!, request.To!, request.AreaMu!.Value, request.PaddyMu!.Value, request.Price!.Value, request.ApprovedBy!);
        var transfer = cluster.GetGrain<IQuotaTransferGrain>(command.TransferId);

        // One grain per transfer id drives it to the end once: a repeated call answers with the transfer as it is.
        var reply = await calls.IdempotentWriteAsync(() => transfer.ExecuteAsync(command, caller.ToActor()), http.RequestAborted);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(reply.Transfer!);
    }
}

public sealed record DepositLotRequest(string? LotId, string? Source, decimal? AreaMu, decimal? PaddyMu, int? Grade, DateOnly? CertifiedOn)
{
    public Dictionary<string, string[]> Validate() => new RequiredFields()
        .Require(LotId, "lotId")
        .Require(Source, "source")
        .Require(AreaMu, "areaMu")
        .Require(PaddyMu, "paddyMu")
        .Require(Grade, "grade")
        .Require(CertifiedOn, "certifiedOn")
        .Errors;
}

public sealed record TransferRequest(string? TransferId, string? From, string? To, decimal? AreaMu, decimal? PaddyMu, decimal? Price, string? ApprovedBy)
{
    public Dictionary<string, string[]> Validate() => new RequiredFields()
        .Require(TransferId, "transferId")
        .Require(From, "from", "A county code is required.")
        .Require(To, "to", "A county code is required.")
        .Check(AreaMu is >= 0, "areaMu", "A non-negative area is required.")
        .Check(PaddyMu is >= 0, "paddyMu", "A non-negative paddy area is required.")
        .Check(Price is >= 0, "price", "A non-negative price is required.")
        .Require(ApprovedBy, "approvedBy", "Who approved the transfer is required.")
        .Errors;
}
