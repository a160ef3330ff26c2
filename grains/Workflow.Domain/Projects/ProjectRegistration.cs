using System.Text.Json.Nodes;

namespace Workflow.Domain;

/// <summary>What an enterprise (or an admin) registers. Validated by <see cref="Validate"/>; who may set which field is
/// <see cref="RegistrationPolicy"/>. <paramref name="Code"/> is the code the caller asked for, null when the allocator gave it.</summary>
public sealed record ProjectRegistration(
    string Name,
    string OwnerUscc,
    string County,
    string Type,
    string Track,
    decimal AreaMu,
    decimal CultivatedMu,
    decimal PaddyMu,
    int Grade,
    bool PermanentBasicFarmland,
    int Households,
    string SupplyMode,
    string? Liaison = null,
    bool Major = false,
    DateOnly? AppliedOn = null,
    DateOnly? TargetDate = null,
    string? Code = null,
    string? ApprovalKind = null,
    string? Procedure = null,
    JsonObject? Facts = null)
{
    /// <summary>The land-acquisition fields another procedure may use (its template's <c>registration.fields</c>); a
    /// procedure's registration leaves the others at their neutral values (empty, zero, false).</summary>
    public static IReadOnlySet<string> ProcedureFields { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "type", "track", "supplyMode", "areaMu", "cultivatedMu", "paddyMu", "grade", "permanentBasicFarmland", "households",
    };

    /// <summary>The procedure named, or land acquisition when none is.</summary>
    public string ProcedureName => Procedure ?? Procedures.LandAcquisition;

    /// <summary>Every problem with the registration, by field, empty when it is acceptable.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(DateOnly today) => Validate(today, null);

    /// <summary>Every problem with the registration under <paramref name="registration"/> (a procedure's own registration;
    /// null for land acquisition), by field, empty when it is acceptable.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(DateOnly today, RegistrationDefinition? registration)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];
        bool Uses(string field) => registration is null || registration.Fields.Contains(field);

        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200)
        {
            Add("name", "A name of 1 to 200 characters is required.");
        }

        if (!UnifiedSocialCreditCode.TryParse(OwnerUscc, out _, out var usccError))
        {
            Add("ownerUscc", usccError ?? "Not a valid unified social credit code.");
        }

        if (!Counties.IsKnown(County))
        {
            Add("county", $"Unknown county '{County}'; expected one of {string.Join(", ", Counties.Huzhou.Select(c => c.Code))}.");
        }

        if (Uses("type") && !ProjectTypes.IsKnown(Type))
        {
            Add("type", $"Unknown type '{Type}'.");
        }

        if (ApprovalKind is not null && !ApprovalKinds.IsKnown(ApprovalKind))
        {
            Add("approvalKind", "Approval kind must be 'approved' (审批), 'ratified' (核准) or 'filed' (备案).");
        }

        if (Uses("track") && !Tracks.IsKnown(Track))
        {
            Add("track", "Track must be 'batch' or 'standalone'.");
        }

        if (Uses("supplyMode") && !SupplyModes.IsKnown(SupplyMode))
        {
            Add("supplyMode", "Supply mode must be 'allocation' or 'transfer'.");
        }

        if (Uses("areaMu") && AreaMu <= 0)
        {
            Add("areaMu", "The total area must be greater than zero.");
        }

        if (Uses("cultivatedMu") && (CultivatedMu < 0 || CultivatedMu > AreaMu))
        {
            Add("cultivatedMu", "Cultivated land must be between zero and the total area.");
        }

        if (Uses("paddyMu") && (PaddyMu < 0 || PaddyMu > CultivatedMu))
        {
            Add("paddyMu", "Paddy must be between zero and the cultivated area.");
        }

        if (Uses("grade") && Grade is < 1 or > 15)
        {
            Add("grade", "The quality grade runs from 1 (best) to 15 (worst).");
        }

        if (Uses("households") && Households < 0)
        {
            Add("households", "Households affected cannot be negative.");
        }

        if (registration is null)
        {
            if (Facts is { Count: > 0 })
            {
                Add("facts", $"The {Procedures.LandAcquisition} registration takes no facts; name the procedure they belong to.");
            }
        }
        else
        {
            foreach (var field in ProcedureFields.Where(f => !Uses(f) && !IsNeutral(f)))
            {
                Add(field, $"The {ProcedureName} registration does not use '{field}'; leave it out.");
            }

            RegistrationFacts.Validate(registration, Facts, Add);
        }

        return errors;
    }

    private bool IsNeutral(string field) => field switch
    {
        "type" => string.IsNullOrEmpty(Type),
        "track" => string.IsNullOrEmpty(Track),
        "supplyMode" => string.IsNullOrEmpty(SupplyMode),
        "areaMu" => AreaMu == 0,
        "cultivatedMu" => CultivatedMu == 0,
        "paddyMu" => PaddyMu == 0,
        "grade" => Grade == 0,
        "permanentBasicFarmland" => !PermanentBasicFarmland,
        "households" => Households == 0,
        _ => true,
    };
}
