using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Workflow.Contracts;

namespace Workflow.Gateway;

/// <summary>The registration body of API.md. Fields are nullable so a missing one is reported by name. <c>procedure</c>
/// names the procedure (land acquisition when absent, which needs every field of API.md); another procedure needs
/// <c>name</c>, <c>ownerUscc</c> and <c>county</c>, the fields its template uses and its <c>facts</c>, checked behind the
/// grain interface against the template (the gateway has no templates).</summary>
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
    string? ApprovalKind = null,
    string? Procedure = null,
    JsonElement? Facts = null)
{
    private const string LandAcquisition = "land-acquisition";

    private bool IsLandAcquisition => Procedure is null or LandAcquisition;

    /// <summary>Missing required fields; the domain checks the values.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var fields = new RequiredFields()
            .Require(Name, "name")
            .Require(OwnerUscc, "ownerUscc")
            .Require(County, "county")
            .Check(Procedure is null || !string.IsNullOrWhiteSpace(Procedure), "procedure", "A procedure name, or leave it out for land acquisition.")
            .Check(Facts is null or { ValueKind: JsonValueKind.Object or JsonValueKind.Null }, "facts", "The procedure's facts are a JSON object.");
        return IsLandAcquisition
            ? fields
                .Require(Type, "type")
                .Require(Track, "track")
                .Require(AreaMu, "areaMu")
                .Require(CultivatedMu, "cultivatedMu")
                .Require(PaddyMu, "paddyMu")
                .Require(Grade, "grade")
                .Require(PermanentBasicFarmland, "permanentBasicFarmland")
                .Require(Households, "households")
                .Require(SupplyMode, "supplyMode")
                .Errors
            : fields.Errors;
    }

    /// <summary>The command; another procedure's absent land-acquisition fields go as neutral values (empty, zero, false),
    /// which its template's registration reads as "not given".</summary>
    public RegisterProjectCommand ToCommand() => new(
        Name!, OwnerUscc!, County!, Type ?? "", Track ?? "", AreaMu ?? 0, CultivatedMu ?? 0, PaddyMu ?? 0, Grade ?? 0,
        PermanentBasicFarmland ?? false, Households ?? 0, SupplyMode ?? "", Liaison, Major ?? false, AppliedOn, TargetDate, Code,
        Procedure, Facts is { ValueKind: JsonValueKind.Object } facts ? facts.GetRawText() : null, ApprovalKind);
}

/// <summary>The optional body of a step act; both members are optional (defaults, so the document does not require them).</summary>
public sealed record StepActionRequest(string? Reason = null, JsonElement? Facts = null);

public sealed record DocumentRequest(string? Key);

public sealed record WithdrawRequest(string? Reason);

public sealed record LiaisonRequest(string? Liaison);

/// <summary>A chase (催办): what the liaison or leader expects of the step's department.</summary>
public sealed record ChaseRequest(string? Reason);

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
