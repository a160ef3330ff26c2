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
    string? ApprovalKind = null)
{
    /// <summary>Every problem with the registration, by field, empty when it is acceptable.</summary>
    public IReadOnlyDictionary<string, string[]> Validate(DateOnly today)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

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

        if (!ProjectTypes.IsKnown(Type))
        {
            Add("type", $"Unknown type '{Type}'.");
        }

        if (ApprovalKind is not null && !ApprovalKinds.IsKnown(ApprovalKind))
        {
            Add("approvalKind", "Approval kind must be 'approved' (审批), 'ratified' (核准) or 'filed' (备案).");
        }

        if (!Tracks.IsKnown(Track))
        {
            Add("track", "Track must be 'batch' or 'standalone'.");
        }

        if (!SupplyModes.IsKnown(SupplyMode))
        {
            Add("supplyMode", "Supply mode must be 'allocation' or 'transfer'.");
        }

        if (AreaMu <= 0)
        {
            Add("areaMu", "The total area must be greater than zero.");
        }

        if (CultivatedMu < 0 || CultivatedMu > AreaMu)
        {
            Add("cultivatedMu", "Cultivated land must be between zero and the total area.");
        }

        if (PaddyMu < 0 || PaddyMu > CultivatedMu)
        {
            Add("paddyMu", "Paddy must be between zero and the cultivated area.");
        }

        if (Grade is < 1 or > 15)
        {
            Add("grade", "The quality grade runs from 1 (best) to 15 (worst).");
        }

        if (Households < 0)
        {
            Add("households", "Households affected cannot be negative.");
        }

        return errors;
    }
}
