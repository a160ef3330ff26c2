using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>The registration body of API.md. Fields are nullable so a missing one is reported by name.</summary>
public sealed record RegisterProjectRequest(
    string? Name,
    string? OwnerUscc,
    string? County,
    string? Type,
    string? Track,
    decimal? AreaMu,
    decimal? CultivatedMu,
    decimal? PaddyMu,
    int? Grade,
    bool? PermanentBasicFarmland,
    int? Households,
    string? SupplyMode,
    string? Code = null,
    string? Liaison = null,
    bool? Major = null,
    DateOnly? AppliedOn = null,
    DateOnly? TargetDate = null,
    string? ApprovalKind = null)
{
    /// <summary>Missing required fields; the domain checks the values.</summary>
    public Dictionary<string, string[]> Validate() => new RequiredFields()
        .Require(Name, "name")
        .Require(OwnerUscc, "ownerUscc")
        .Require(County, "county")
        .Require(Type, "type")
        .Require(Track, "track")
        .Require(AreaMu, "areaMu")
        .Require(CultivatedMu, "cultivatedMu")
        .Require(PaddyMu, "paddyMu")
        .Require(Grade, "grade")
        .Require(PermanentBasicFarmland, "permanentBasicFarmland")
        .Require(Households, "households")
        .Require(SupplyMode, "supplyMode")
        .Errors;

    public RegisterProjectCommand ToCommand() => new(
        Name!, OwnerUscc!, County!, Type!, Track!, AreaMu!.Value, CultivatedMu!.Value, PaddyMu!.Value, Grade!.Value,
        PermanentBasicFarmland!.Value, Households!.Value, SupplyMode!, Liaison, Major ?? false, AppliedOn, TargetDate, Code, ApprovalKind);
}

/// <summary>The optional body of a step act; both members are optional (defaults, so the document does not require them).</summary>
public sealed record StepActionRequest(string? Reason = null, JsonElement? Facts = null);

public sealed record DocumentRequest(string? Key);

public sealed record WithdrawRequest(string? Reason);

public sealed record LiaisonRequest(string? Liaison);

/// <summary>A page of history; <see cref="Next"/>, absent on the last page, is the <c>after</c> (oldest first) or
/// <c>before</c> (newest first) of the next.</summary>
public sealed record HistoryView(
    IReadOnlyList<HistoryItem> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Next);

/// <summary>A history entry with its facts as a JSON object rather than text.</summary>
public sealed record HistoryItem(long Seq, DateTimeOffset At, string Actor, string Kind, string? Step, string? Reason, JsonNode? Facts)
{
    public static HistoryItem From(HistoryEntryView entry) =>
        new(entry.Seq, entry.At, entry.Actor, entry.Kind, entry.Step, entry.Reason, entry.FactsJson is null ? null : JsonNode.Parse(entry.FactsJson));
}
