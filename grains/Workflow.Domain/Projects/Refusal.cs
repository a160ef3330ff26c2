namespace Workflow.Domain;

/// <summary>Why a command was refused. A refused command changes nothing.</summary>
public sealed record Refusal(RefusalKind Kind, string Rule, string Detail)
{
    public static Refusal Invalid(string rule, string detail) => new(RefusalKind.Invalid, rule, detail);
    public static Refusal NotFound(string detail) => new(RefusalKind.NotFound, "not-found", detail);
    public static Refusal Forbidden(string rule, string detail) => new(RefusalKind.Forbidden, rule, detail);
    public static Refusal Conflict(string rule, string detail) => new(RefusalKind.Conflict, rule, detail);
}

/// <summary>Maps onto HTTP: 400, 404, 403, 409.</summary>
public enum RefusalKind
{
    Invalid,
    NotFound,
    Forbidden,
    Conflict,
}

/// <summary>The stable rule names clients can rely on.</summary>
public static class Rules
{
    public const string StepNotReady = "step-not-ready";
    public const string StepState = "step-state";
    public const string WrongDepartment = "wrong-department";
    public const string UnknownStep = "unknown-step";
    public const string UnknownAction = "unknown-action";
    public const string DocumentsMissing = "documents-missing";
    public const string ReasonRequired = "reason-required";
    public const string FactRequired = "fact-required";
    public const string FactInvalid = "fact-invalid";
    public const string ProjectClosed = "project-closed";
    public const string AlreadyBalanced = "balance-already-reserved";
    public const string ReservationPending = "reservation-pending";
    public const string NotFarmlandStep = "not-farmland-balance-step";
    public const string UnknownDocument = "unknown-document";
    public const string OwnerOnly = "owner-only";
    public const string NotYourEnterprise = "not-your-enterprise";
    public const string InvalidRegistration = "invalid-registration";
    public const string InvalidCode = "invalid-project-code";
    public const string ProjectExists = "project-exists";
    public const string ClockBackwards = "clock-backwards";

    // Bounded input (InputLimits).
    public const string ReasonTooLong = "reason-too-long";
    public const string FactsTooLarge = "facts-too-large";
    public const string FactsTooDeep = "facts-too-deep";
    public const string FactsTooManyProperties = "facts-too-many-properties";
    public const string InvalidDocumentKey = "invalid-document-key";
    public const string LimitOutOfRange = "limit-out-of-range";
    public const string InvalidCursor = "invalid-cursor";
    public const string InvalidOrder = "invalid-order";
}
