namespace Workflow.Vocabulary;

/// <summary>The stable rule names clients, tests and the audit trail match on; each literal is written here once.</summary>
public static class Rules
{
    // Who may do what.
    public const string NotFound = "not-found";
    public const string RoleForbidden = "role-forbidden";
    public const string WrongDepartment = "wrong-department";
    public const string OwnerOnly = "owner-only";
    public const string NotYourEnterprise = "not-your-enterprise";

    /// <summary>A registration field only an administrator sets (<c>code</c>, <c>appliedOn</c>, <c>liaison</c>).</summary>
    public const string RegistrationFieldForbidden = "registration-field-forbidden";

    /// <summary>An officer or liaison with a county reading, or reserving from, another county's pool.</summary>
    public const string QuotaCountyForbidden = "quota-county-forbidden";

    // Steps and projects.
    public const string StepNotReady = "step-not-ready";
    public const string StepState = "step-state";
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
    public const string InvalidRegistration = "invalid-registration";
    public const string InvalidCode = "invalid-project-code";

    /// <summary>An application date before the Land Administration Law of 1998 came into force, or after today.</summary>
    public const string AppliedOnOutOfRange = "applied-on-out-of-range";

    public const string ProjectExists = "project-exists";

    /// <summary>A registration without a code found the county's code allocator out of reach (kind unavailable): nothing
    /// was registered, and sending it again only skips a serial.</summary>
    public const string CodeAllocatorUnavailable = "code-allocator-unavailable";

    public const string UnknownLiaison = "unknown-liaison";
    public const string InvalidListFilter = "invalid-list-filter";
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

    // Farmland quota.
    public const string QuotaAreaShort = "quota-area-short";
    public const string QuotaPaddyShort = "quota-paddy-short";
    public const string QuotaCapacityShort = "quota-capacity-short";
    public const string UnknownCounty = "unknown-county";
    public const string InvalidLot = "invalid-lot";
    public const string LotConflict = "lot-conflict";
    public const string InvalidReservation = "invalid-reservation";
    public const string ReservationConflict = "reservation-conflict";
    public const string ReservationUnknown = "reservation-unknown";
    public const string ReservationReleased = "reservation-released";
    public const string ReservationConsumed = "reservation-consumed";
    public const string InvalidTransfer = "invalid-transfer";
    public const string TransferConflict = "transfer-conflict";

    /// <summary>A reservation refused because a quota ledger was out of reach (kind unavailable).</summary>
    public const string QuotaLedgerUnavailable = "quota-ledger-unavailable";

    // Gates the statutes set (issue 10): the templates name them; the engine names them where no template does.

    /// <summary>More households unsigned than the "个别" the rule book allows (浙江省土地管理条例 第四十四条).</summary>
    public const string HoldoutsTooMany = "holdouts-too-many";

    /// <summary>Unsigned households not each named with a reason in the agreements' facts.</summary>
    public const string HoldoutsUnexplained = "holdouts-unexplained";

    /// <summary>Funds in place that do not cover the compensation plan's total (土地管理法实施条例 第三十二条).</summary>
    public const string FundsNotInPlace = "funds-not-in-place";

    /// <summary>A hearing the law requires (more than half the members objected, or the government decided) skipped
    /// (浙江省土地管理条例 第四十二条).</summary>
    public const string HearingRequired = "hearing-required";

    // Clocks from receipt (issue 10, items 1 and 2): the acceptance window and the statutory extension.

    /// <summary>A second request for supplement during acceptance: the law allows one, naming everything (一次性告知).</summary>
    public const string SupplementAlreadyRequested = "supplement-already-requested";

    /// <summary>A second extension of the same step's limit (行政许可法 第四十二条 allows one).</summary>
    public const string ExtensionAlreadyGranted = "extension-already-granted";

    /// <summary>An extension longer than the rule book's maximum.</summary>
    public const string ExtensionTooLong = "extension-too-long";

    /// <summary>An extension of a step whose limit is not running (no limit, or not yet received).</summary>
    public const string ExtensionNotApplicable = "extension-not-applicable";

    // The bureau's other procedures (issue 10, item 8). The rules of a procedure's own facts (an area cap, one household
    // one plot, who may own it) are named in its template file, as gate rules are; these are the engine's.

    /// <summary>A registration naming a procedure no template file declares, or none of whose versions covers its date.</summary>
    public const string UnknownProcedure = "unknown-procedure";

    // Importing recorded history (projects migrated from paper, the demo data set): ProjectImports.
    /// <summary>Only an administrator or the platform imports recorded acts.</summary>
    public const string ImportForbidden = "import-forbidden";

    /// <summary>A recorded act before the one it follows, before the registration or before what the record already holds.</summary>
    public const string ImportOutOfOrder = "import-out-of-order";

    /// <summary>A recorded act (or registration) dated after the platform's now.</summary>
    public const string ImportInFuture = "import-in-future";

    /// <summary>More acts in one import than <c>ProjectImports.MaxActs</c>.</summary>
    public const string ImportTooLarge = "import-too-large";

    // Escalation (issue 11): chasing (催办) a step.
    /// <summary>A step chased again before a working day has begun since its last chase.</summary>
    public const string ChaseTooSoon = "chase-too-soon";

    /// <summary>An inbox asked for by anyone but its own user.</summary>
    public const string NotYourInbox = "not-your-inbox";
    // The weekly bulletin (issue 11, item 3).
    /// <summary>A week that is not an ISO week the year has, written 2026-W49.</summary>
    public const string InvalidWeek = "invalid-week";

    /// <summary>A bulletin format other than json, html and xlsx.</summary>
    public const string InvalidBulletinFormat = "invalid-bulletin-format";

    // Campaigns and inspections (issue 11, item 5).
    /// <summary>An inspection without a title, a known unit, or findings with a text and 1 to 250 working days.</summary>
    public const string InvalidInspection = "invalid-inspection";

    /// <summary>An inspection id already opened with other terms.</summary>
    public const string InspectionExists = "inspection-exists";

    /// <summary>A rectification of a finding the inspection does not have.</summary>
    public const string UnknownFinding = "unknown-finding";

    /// <summary>A second rectification of the same finding.</summary>
    public const string FindingRectified = "finding-rectified";

    /// <summary>A campaign without a title, a window of at most 53 weeks, a scope (projects, or steps of a procedure with
    /// known counties) or exactly one target (completions, or an on-time rate in (0, 1]).</summary>
    public const string InvalidCampaign = "invalid-campaign";

    /// <summary>A campaign id already opened with other terms.</summary>
    public const string CampaignExists = "campaign-exists";
    // Leaders' figures (issue 11): the dashboard and the weekly bulletin.
    /// <summary>A dashboard filter asking for a county or department outside the caller's scope.</summary>
    public const string DashboardScopeForbidden = "dashboard-scope-forbidden";

    /// <summary>A dashboard query with an unknown light or state, a missing step, or a page or week count out of range.</summary>
    public const string InvalidDashboardQuery = "invalid-dashboard-query";

    /// <summary>A worklist query with an unknown state or light, or a page out of range.</summary>
    public const string InvalidTaskQuery = "invalid-task-query";

    // Land problems (涉土问题, issue 12 item 3).
    /// <summary>A land problem without a title, with a title over 200 characters, or a note missing where one is owed.</summary>
    public const string InvalidProblem = "invalid-problem";

    /// <summary>A land problem the project does not have.</summary>
    public const string UnknownProblem = "unknown-problem";

    /// <summary>An act on a land problem already resolved.</summary>
    public const string ProblemResolved = "problem-resolved";

    /// <summary>A land problem assigned to a department no template names.</summary>
    public const string ProblemDepartmentUnknown = "problem-department-unknown";
}
