using System.Text.RegularExpressions;

namespace Workflow.Web;

/// <summary>
/// The registration form's values, the API's registration command they make, and hints that mirror the domain's rules
/// (<c>ProjectRegistration.Validate</c>) as the user types: each a label key, null when the value looks acceptable. The
/// registrar decides; a hint only saves a round trip.
/// </summary>
public sealed partial class RegistrationForm
{
    /// <summary>The API's vocabularies (API.md), whose labels are <c>Enterprise.Type.*</c> and so on.</summary>
    public static readonly IReadOnlyList<string> Types =
        ["rail", "expressway", "waterway", "industrial-park", "standard-land", "sports-centre", "school", "resettlement-housing", "utility", "tourism"];

    public static readonly IReadOnlyList<string> Tracks = ["batch", "standalone"];

    public static readonly IReadOnlyList<string> SupplyModes = ["allocation", "transfer"];

    public static readonly IReadOnlyList<string> ApprovalKinds = ["approved", "ratified", "filed"];

    /// <summary>The fields this form has a control for, as the API spells them.</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "name", "ownerUscc", "county", "type", "track", "supplyMode", "areaMu", "cultivatedMu", "paddyMu", "grade",
        "permanentBasicFarmland", "households", "major", "targetDate", "approvalKind",
    };

    public string? Name { get; set; }

    public string? OwnerUscc { get; set; }

    public string? County { get; set; }

    public string? Type { get; set; }

    public string? Track { get; set; }

    public string? SupplyMode { get; set; }

    public string? ApprovalKind { get; set; }

    public decimal? AreaMu { get; set; }

    public decimal? CultivatedMu { get; set; }

    public decimal? PaddyMu { get; set; }

    public int? Grade { get; set; }

    public int? Households { get; set; }

    public bool PermanentBasicFarmland { get; set; }

    public bool Major { get; set; }

    public DateTime? TargetDate { get; set; }

    /// <summary>The API's name of a property of this form (AreaMu → areaMu).</summary>
    public static string FieldName(string property)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        return char.ToLowerInvariant(property[0]) + property[1..];
    }

    /// <summary>The field a refusal that is not a field list is about, or null.</summary>
    public static string? FieldOf(Refusal? refusal) => refusal?.Rule switch
    {
        Rules.NotYourEnterprise => "ownerUscc",
        _ => null,
    };

    /// <summary>The label key of the hint for <paramref name="field"/>, null when its value looks acceptable.</summary>
    public string? Hint(string field) => field switch
    {
        "name" when string.IsNullOrWhiteSpace(Name) || Name.Length > 200 => "Enterprise.Invalid.name",
        "ownerUscc" when OwnerUscc is null || !Uscc().IsMatch(OwnerUscc) => "Enterprise.Invalid.ownerUscc",
        "county" when string.IsNullOrEmpty(County) => "Enterprise.Invalid.county",
        "type" when !Types.Contains(Type) => "Enterprise.Invalid.type",
        "track" when !Tracks.Contains(Track) => "Enterprise.Invalid.track",
        "supplyMode" when !SupplyModes.Contains(SupplyMode) => "Enterprise.Invalid.supplyMode",
        "areaMu" when AreaMu is not > 0 => "Enterprise.Invalid.areaMu",
        "cultivatedMu" when CultivatedMu is not { } c || c < 0 || c > (AreaMu ?? 0) => "Enterprise.Invalid.cultivatedMu",
        "paddyMu" when PaddyMu is not { } p || p < 0 || p > (CultivatedMu ?? 0) => "Enterprise.Invalid.paddyMu",
        "grade" when Grade is not (>= 1 and <= 15) => "Enterprise.Invalid.grade",
        "households" when Households is not >= 0 => "Enterprise.Invalid.households",
        _ => null,
    };

    /// <summary>The command the API's registration body makes (an enterprise's: no code, date or liaison of its own).</summary>
    public RegisterProjectCommand ToCommand() => new(
        Name ?? "", OwnerUscc ?? "", County ?? "", Type ?? "", Track ?? "", AreaMu ?? 0, CultivatedMu ?? 0, PaddyMu ?? 0, Grade ?? 0,
        PermanentBasicFarmland, Households ?? -1, SupplyMode ?? "", null, Major, null,
        TargetDate is { } target ? DateOnly.FromDateTime(target) : null, ApprovalKind: ApprovalKind);

    // 18 characters of the national standard's alphabet (GB 32100-2015: digits and capitals without I, O, S, V, Z); the
    // check character is the domain's to verify.
    [GeneratedRegex("^[0-9A-HJ-NPQRTUWXY]{18}$")]
    private static partial Regex Uscc();
}
