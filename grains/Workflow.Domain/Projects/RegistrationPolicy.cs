namespace Workflow.Domain;

/// <summary>
/// Who may register a project and which of its fields they may set. An enterprise registers for itself and takes what
/// the bureau gives: the next code of its county, today's date and no liaison. Only an administrator sets <c>code</c>,
/// <c>appliedOn</c> (projects migrated from paper) or <c>liaison</c>; otherwise an enterprise could choose its own
/// liaison, take serials ahead of the allocator or backdate itself onto the 2004 procedure.
/// </summary>
public static class RegistrationPolicy
{
    /// <summary>The Land Administration Law of 1998 came into force on 1 January 1999: no earlier application is under it.</summary>
    public static readonly DateOnly EarliestApplication = new(1999, 1, 1);

    /// <summary>Everything about a registration that does not need the project's own grain: the caller's role, the
    /// fields only administrators set, the code's spelling, the application date and the facts. Null when acceptable.</summary>
    public static Refusal? Check(Actor actor, ProjectRegistration registration, DateOnly today) => Check(actor, registration, today, null);

    /// <summary>As <see cref="Check(Actor, ProjectRegistration, DateOnly)"/>, under the template the registration's procedure
    /// and date pick (<see cref="Check(Actor, ProjectRegistration, DateOnly, TemplateCatalog, out WorkflowTemplate?)"/>): a procedure's template says who registers, who may own and what facts it needs.</summary>
    public static Refusal? Check(Actor actor, ProjectRegistration registration, DateOnly today, WorkflowTemplate? template)
    {
        var procedure = template?.Registration;
        if (procedure is null && !actor.IsEnterprise && !actor.IsAdmin)
        {
            return Refusal.RoleForbidden("Only enterprises (for themselves) and administrators register projects.");
        }

        if (procedure is not null && !MayRegister(actor, procedure, registration.County))
        {
            return Refusal.RoleForbidden($"A {template!.Procedure} registration is made by {string.Join(" or ", procedure.RegisteredBy)}.");
        }

        if (!actor.IsAdmin && AdminOnlyField(registration) is { } field)
        {
            return Refusal.Forbidden(Rules.RegistrationFieldForbidden,
                $"Only an administrator sets '{field}' at registration; leave it out and the bureau assigns it.");
        }

        if (registration.Code is { } code && ProjectCodeSyntax.Validate(code) is { } codeError)
        {
            return Refusal.Invalid(Rules.InvalidCode, codeError);
        }

        // A code issued before the national format belongs to an application from before it (GB/T 40058-2021, 2021-08-01).
        if (registration.Code is { } migrated && ProjectCodeSyntax.IsMigrated(migrated)
            && (registration.AppliedOn is not { } applied || applied >= ProjectCode.NationalFormatFrom))
        {
            return Refusal.Invalid(Rules.InvalidCode,
                $"'{migrated}' is a code issued before the national format ({ProjectCodeSyntax.MigratedPattern}); it is accepted only for a migrated project with appliedOn before {ProjectCode.NationalFormatFrom:yyyy-MM-dd}.");
        }

        if (registration.AppliedOn is { } appliedOn && (appliedOn < EarliestApplication || appliedOn > today))
        {
            return Refusal.Invalid(Rules.AppliedOnOutOfRange,
                $"appliedOn {appliedOn:yyyy-MM-dd} must lie between {EarliestApplication:yyyy-MM-dd} (the Land Administration Law of 1998 in force) and today, {today:yyyy-MM-dd}.");
        }

        var errors = registration.Validate(today, procedure);
        if (errors.Count > 0)
        {
            return Refusal.Invalid(Rules.InvalidRegistration, string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }

        if (actor.IsEnterprise && actor.Uscc != registration.OwnerUscc)
        {
            return Refusal.Forbidden(Rules.NotYourEnterprise, "An enterprise registers projects for itself only.");
        }

        if (procedure?.Owner is { UsccPrefix: { } prefix } owner && !registration.OwnerUscc.StartsWith(prefix, StringComparison.Ordinal))
        {
            return Refusal.Conflict(owner.Rule ?? Rules.InvalidRegistration,
                $"The owner of a {template!.Procedure} registration is {owner.Description}: a USCC beginning with '{prefix}'.");
        }

        return procedure is null ? null : RegistrationFacts.Check(procedure, registration.Facts);
    }

    /// <summary>Resolves the template a registration runs under, the newest version of its procedure (land acquisition
    /// unless it names another) covering its application date, and checks the registration under it. A procedure no
    /// template file declares is refused <c>unknown-procedure</c>; a date no version covers is refused as land acquisition
    /// refuses it (an enterprise's <c>appliedOn</c>, a date out of range) or else <c>unknown-procedure</c>.</summary>
    public static Refusal? Check(Actor actor, ProjectRegistration registration, DateOnly today, TemplateCatalog templates, out WorkflowTemplate? template)
    {
        template = null;
        var procedure = registration.ProcedureName;
        if (!templates.ProcedureNames.Contains(procedure))
        {
            return Refusal.Invalid(Rules.UnknownProcedure, $"No template runs procedure '{procedure}'; the procedures are {string.Join(", ", templates.ProcedureNames)}.");
        }

        var appliedOn = registration.AppliedOn ?? today;
        template = templates.FindForApplication(procedure, appliedOn);
        return template is null
            ? Check(actor, registration, today, null)
                ?? Refusal.Invalid(Rules.UnknownProcedure, $"No version of procedure '{procedure}' applies to an application dated {appliedOn:yyyy-MM-dd}.")
            : Check(actor, registration, today, template);
    }

    /// <summary>Whether the actor is one of the template's registrars: an officer only of the named department and only in
    /// its own county (an officer without a county acts in every one).</summary>
    private static bool MayRegister(Actor actor, RegistrationDefinition procedure, string county) =>
        procedure.RegisteredBy.Any(r => r switch
        {
            RegistrarKinds.Admin => actor.IsAdmin,
            RegistrarKinds.Enterprise => actor.IsEnterprise,
            _ => actor.IsOfficer
                && r.StartsWith(RegistrarKinds.OfficerPrefix, StringComparison.Ordinal)
                && actor.Department == r[RegistrarKinds.OfficerPrefix.Length..]
                && (actor.County is null || actor.County == county),
        });

    private static string? AdminOnlyField(ProjectRegistration registration) =>
        registration.Code is not null ? "code"
        : registration.AppliedOn is not null ? "appliedOn"
        : registration.Liaison is not null ? "liaison"
        : null;
}
