namespace Workflow.Domain;

/// <summary>The states of one visit to a step, as the analytics read model spells them.</summary>
public static class VisitStates
{
    public const string Received = "received";
    public const string InProgress = "in-progress";
    public const string Suspended = "suspended";
    public const string Done = "done";
    public const string Rejected = "rejected";
    public const string Skipped = "skipped";

    public static IReadOnlyList<string> Open { get; } = [Received, InProgress, Suspended];

    public static bool IsOpen(string state) => state is Received or InProgress or Suspended;
}

/// <summary>
/// One round of one step of one project, as the history tells it: received (in the department's queue, documents in),
/// accepted (the officer's start, or the receipt itself when the acceptance window passed in silence), done. Dwell is in
/// working days of the shipped calendar: waiting (received → accepted, less a supplement asked for during acceptance) apart
/// from work (accepted → done, less the working days suspended, as the step's own clock counts them).
/// </summary>
public sealed class StepVisit
{
    public string Step { get; set; } = "";
    public int Round { get; set; } = 1;
    public string Department { get; set; } = "";
    public string State { get; set; } = VisitStates.Received;
    public string Light { get; set; } = "green";
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public bool AcceptedOnReceipt { get; set; }
    public DateTimeOffset? SuspendedAt { get; set; }
    public bool SuspendedInAcceptance { get; set; }
    public int WaitSuspendedDays { get; set; }
    public int WorkSuspendedDays { get; set; }
    public TimeLimit? TimeLimit { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public int? ExtensionDays { get; set; }
    public DateTimeOffset? DoneAt { get; set; }

    /// <summary>Done before the limit ran out (null: done without a limit, or not done).</summary>
    public bool? OnTime { get; set; }
    public int? WaitDays { get; set; }
    public int? WorkDays { get; set; }

    public bool IsOpen => VisitStates.IsOpen(State);
}

/// <summary>What the analytics fold keeps of one project between events (its row in the read model carries it).</summary>
public sealed class ProjectTrack
{
    public string Code { get; set; } = "";
    public string? Name { get; set; }
    public string County { get; set; } = "";
    public string TemplateId { get; set; } = "";
    public int TemplateVersion { get; set; }
    public string ApprovalLevel { get; set; } = ApprovalLevels.Province;
    public string ApprovalKind { get; set; } = ApprovalKinds.Approved;
    public string Procedure { get; set; } = Procedures.LandAcquisition;
    public string? Liaison { get; set; }
    public DateOnly? TargetDate { get; set; }
    public string State { get; set; } = "active";
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public List<string> Settled { get; set; } = [];
    public List<string> Started { get; set; } = [];
    public List<string> Documents { get; set; } = [];
    public Dictionary<string, int> Rounds { get; set; } = [];

    /// <summary>The current round of each step that has had one.</summary>
    public Dictionary<string, StepVisit> Visits { get; set; } = [];

    public bool IsClosed => State is "completed" or "rejected" or "withdrawn";
}
