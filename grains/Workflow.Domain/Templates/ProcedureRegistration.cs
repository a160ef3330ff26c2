using System.Text.Json.Serialization;

namespace Workflow.Domain;

/// <summary>The procedures the bureau runs. Only the default is named in code: every other procedure exists because a
/// template file declares it (<see cref="WorkflowTemplate.Procedure"/>).</summary>
public static class Procedures
{
    /// <summary>Land use and acquisition for a construction project: the procedure of every registration that names none.</summary>
    public const string LandAcquisition = "land-acquisition";
}

/// <summary>
/// What a procedure asks of a registration, when it is not the land-acquisition registration: who registers it, who may
/// own it, which of the registration's land-acquisition fields it uses, the facts of its own it needs and the checks on
/// them (each a named refusal). A template without it registers as land acquisition always has.
/// </summary>
public sealed class RegistrationDefinition
{
    /// <summary>Who may register: <c>admin</c>, <c>enterprise</c> (for itself) or <c>officer:DEPARTMENT</c> (in its county).</summary>
    public IReadOnlyList<string> RegisteredBy { get; init; } = [RegistrarKinds.Enterprise, RegistrarKinds.Admin];

    /// <summary>Who the owner is (the party whose USCC the project carries), and a check on it.</summary>
    public OwnerDefinition? Owner { get; init; }

    /// <summary>The 2-digit TT of the bureau's case number when the procedure has no project type of its own.</summary>
    public required string CodeType { get; init; }

    /// <summary>The land-acquisition registration fields the procedure uses (<c>areaMu</c>, <c>cultivatedMu</c>, …); the
    /// others must be left out. <c>name</c>, <c>ownerUscc</c> and <c>county</c> are always required.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The procedure's own facts, sent in the registration's <c>facts</c>.</summary>
    public IReadOnlyList<RegistrationFact> Facts { get; init; } = [];

    /// <summary>Rules on those facts, each refused by name.</summary>
    public IReadOnlyList<RegistrationCheck> Checks { get; init; } = [];
}

public static class RegistrarKinds
{
    public const string Admin = "admin";
    public const string Enterprise = "enterprise";
    public const string OfficerPrefix = "officer:";
}

/// <summary>The owner a procedure admits: a USCC beginning with <see cref="UsccPrefix"/> (its registration authority and
/// category), else refused with <see cref="Rule"/>.</summary>
public sealed record OwnerDefinition(string Description, string? UsccPrefix = null, string? Rule = null, string? Law = null);

/// <summary>One fact of a registration: a number (greater than zero), a flag, one of <see cref="Values"/>, or a text.</summary>
public sealed record RegistrationFact(string Fact, RegistrationFactKind Kind, string Description, IReadOnlyList<string>? Values = null, string? Law = null);

[JsonConverter(typeof(JsonStringEnumConverter<RegistrationFactKind>))]
public enum RegistrationFactKind
{
    Number,
    Boolean,
    Choice,
    Text,
}

/// <summary>A rule on a registration fact: at most a figure (<see cref="AtMost"/>, or the figure <see cref="AtMostBy"/>
/// looks up by another fact), or a flag that must have one value (<see cref="MustBe"/>).</summary>
public sealed record RegistrationCheck(
    string Rule,
    string Fact,
    string Detail,
    decimal? AtMost = null,
    FactLookup? AtMostBy = null,
    bool? MustBe = null,
    string? Law = null);

/// <summary>A figure per value of another fact (the homestead area cap per kind of land).</summary>
public sealed record FactLookup(string Fact, IReadOnlyDictionary<string, decimal> Values);
