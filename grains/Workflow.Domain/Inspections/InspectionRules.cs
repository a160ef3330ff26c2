namespace Workflow.Domain;

/// <summary>Who may open, read and rectify an inspection, and how its findings' lights move: by the same rules as a
/// step's (<see cref="StepClock"/>: yellow at the share used or few working days left, red once due).</summary>
public static class InspectionRules
{
    public const int MaxFindings = 50;
    public const int MaxWorkingDays = 250;
    public const int MaxTextLength = 2_000;

    /// <summary>Leaders and administrators open inspections.</summary>
    public static Refusal? CanOpen(Actor actor) =>
        actor.IsLeader || actor.IsAdmin ? null : Refusal.RoleForbidden("Only a leader or an administrator opens an inspection.");

    /// <summary>Leaders and administrators read every inspection; an officer those of their own unit.</summary>
    public static bool CanRead(Inspection inspection, Actor actor) =>
        actor.IsLeader || actor.IsAdmin || actor.IsSystem || IsOfficerOf(inspection, actor);

    public static bool IsOfficerOf(Inspection inspection, Actor actor) =>
        actor.IsOfficer
        && (inspection.County is null || actor.County == inspection.County)
        && (inspection.Department is null || actor.Department == inspection.Department);

    public static (Inspection? Inspection, Refusal? Refusal) Open(string id, InspectionDraft draft, Actor actor, DateTimeOffset now, StepClock clock)
    {
        if (CanOpen(actor) is { } forbidden)
        {
            return (null, forbidden);
        }

        if (Invalid(draft) is { } invalid)
        {
            return (null, Refusal.Invalid(Rules.InvalidInspection, invalid));
        }

        var inspection = new Inspection
        {
            Id = id,
            Title = draft.Title.Trim(),
            County = draft.County,
            Department = draft.Department,
            OpenedBy = actor.Id,
            OpenedAt = now,
            Findings = draft.Findings.Select((finding, index) => new InspectionFinding
            {
                Id = "f" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Text = finding.Text.Trim(),
                WorkingDays = finding.WorkingDays,
                IssuedAt = now,
                DueAt = clock.DueAt(now, new TimeLimit(finding.WorkingDays, TimeUnit.WorkingDays)),
            }).ToList(),
        };
        return (inspection, null);
    }

    /// <summary>Moves every open finding's light to what it is at <paramref name="now"/>; returns the changes to record.</summary>
    public static IReadOnlyList<FindingLightChange> Refresh(Inspection inspection, DateTimeOffset now, StepClock clock)
    {
        var changes = new List<FindingLightChange>();
        foreach (var finding in inspection.Findings.Where(finding => finding.IsOpen))
        {
            var light = clock.LightAt(AsStep(finding), now);
            if (light != finding.Light)
            {
                changes.Add(new FindingLightChange(finding.Id, finding.Light, light, finding.DueAt));
                finding.Light = light;
            }
        }

        return changes;
    }

    /// <summary>When an open finding's light next changes, or null when none will.</summary>
    public static DateTimeOffset? NextChange(Inspection inspection, DateTimeOffset now, StepClock clock) =>
        inspection.Findings.Where(finding => finding.IsOpen)
            .Select(finding => clock.NextChange(AsStep(finding), now))
            .Where(next => next is not null)
            .Min();

    /// <summary>Working days from today to the finding's last day (0 on that day, negative once overdue), as a step's due
    /// date is shown; null once rectified.</summary>
    public static int? WorkingDaysLeft(InspectionFinding finding, DateTimeOffset now, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(finding);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!finding.IsOpen)
        {
            return null;
        }

        // DueAt is the end of the last day (midnight after it): that day is the one before.
        var today = WorkingCalendar.LocalDate(now);
        var last = WorkingCalendar.LocalDate(finding.DueAt.AddTicks(-1));
        return last >= today ? calendar.CountWorkingDays(today, last) : -calendar.CountWorkingDays(last, today);
    }

    /// <summary>The unit's officer records the rectification of one finding, with what was done.</summary>
    public static Refusal? Rectify(Inspection inspection, string findingId, string? reason, Actor actor, DateTimeOffset now)
    {
        if (!IsOfficerOf(inspection, actor))
        {
            return Refusal.Forbidden(Rules.WrongDepartment, "Only an officer of the inspected unit records a rectification.");
        }

        if (inspection.Finding(findingId) is not { } finding)
        {
            return Refusal.Invalid(Rules.UnknownFinding, $"The inspection has no finding '{findingId}'.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Refusal.Invalid(Rules.ReasonRequired, "A rectification says what was done.");
        }

        if (reason.Length > MaxTextLength)
        {
            return Refusal.Invalid(Rules.ReasonTooLong, $"At most {MaxTextLength} characters.");
        }

        if (!finding.IsOpen)
        {
            return Refusal.Conflict(Rules.FindingRectified, $"Finding {findingId} was rectified on {finding.RectifiedAt:yyyy-MM-dd}.");
        }

        finding.RectifiedAt = now;
        finding.RectifiedBy = actor.Id;
        finding.Reason = reason.Trim();
        return null;
    }

    private static string? Invalid(InspectionDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Title) || draft.Title.Length > MaxTextLength)
        {
            return "An inspection needs a title of at most 2,000 characters.";
        }

        if (draft.County is null && string.IsNullOrWhiteSpace(draft.Department))
        {
            return "An inspection names the unit inspected: a county, a department, or both.";
        }

        if (draft.County is { } county && !Counties.IsKnown(county))
        {
            return $"'{county}' is not a county of the bureau.";
        }

        if (draft.Findings is not { Count: > 0 and <= MaxFindings })
        {
            return $"An inspection records between 1 and {MaxFindings} findings.";
        }

        return draft.Findings.Any(finding => string.IsNullOrWhiteSpace(finding.Text) || finding.Text.Length > MaxTextLength
            || finding.WorkingDays is < 1 or > MaxWorkingDays)
            ? $"Each finding needs a text and a rectification deadline of 1 to {MaxWorkingDays} working days."
            : null;
    }

    /// <summary>A finding's clock as a step's, so the lights follow exactly the steps' rules.</summary>
    private static StepState AsStep(InspectionFinding finding) => new()
    {
        Key = finding.Id,
        Status = StepStatus.InProgress,
        Light = finding.Light,
        ClockStartedAt = finding.IssuedAt,
        DueAt = finding.DueAt,
    };
}
