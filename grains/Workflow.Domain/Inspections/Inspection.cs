namespace Workflow.Domain;

/// <summary>An execution inspection (执行力检查) of one unit (a county, a department, or a department in a county): the
/// findings it recorded, each with a rectification deadline in working days and a light like a step's.</summary>
public sealed class Inspection
{
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public string? County { get; set; }
    public string? Department { get; set; }
    public string OpenedBy { get; set; } = "";
    public DateTimeOffset OpenedAt { get; set; }
    public List<InspectionFinding> Findings { get; set; } = [];

    public InspectionFinding? Finding(string id) => Findings.FirstOrDefault(finding => finding.Id == id);
}

public sealed class InspectionFinding
{
    /// <summary>"f1", "f2", ...: in the order the inspection listed them.</summary>
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    public int WorkingDays { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The end of the last working day allowed for rectification.</summary>
    public DateTimeOffset DueAt { get; set; }

    public Light Light { get; set; } = Light.Green;
    public DateTimeOffset? RectifiedAt { get; set; }
    public string? RectifiedBy { get; set; }
    public string? Reason { get; set; }

    public bool IsOpen => RectifiedAt is null;
}

public sealed record FindingDraft(string Text, int WorkingDays);

public sealed record InspectionDraft(string Title, string? County, string? Department, IReadOnlyList<FindingDraft> Findings);

/// <summary>A finding's light changed (yellow or red), as the inspection's history records it.</summary>
public sealed record FindingLightChange(string Finding, Light From, Light To, DateTimeOffset DueAt);
