namespace Workflow.Domain;

/// <summary>
/// Who is told of what (issue 11, escalation). A notice is addressed to audiences, not to people, because the silo keeps
/// no directory of users: the project's liaison (by user id, as the history named them), a department in a county, or
/// the leaders. A user reads the notices of the audience their claims put them in (<see cref="ReaderOf"/>).
/// </summary>
public static class NoticeAudiences
{
    public const string Liaison = "liaison";
    public const string Department = "department";
    public const string Leaders = "leaders";

    /// <summary>A step's light turned yellow or red: its liaison, its department in the project's county, the leaders.</summary>
    public static IReadOnlyList<NoticeAudience> ForStepLight(string? liaison, string department, string county) =>
        [.. LiaisonOf(liaison), new(Department, department, county), new(Leaders, "", county)];

    /// <summary>A step was chased (催办): the department that must act, in the project's county. The chaser (liaison or
    /// leader) already knows, and the history records it.</summary>
    public static IReadOnlyList<NoticeAudience> ForChase(string department, string county) =>
        [new(Department, department, county)];

    /// <summary>An inspection finding's rectification deadline turned yellow or red: the unit found at fault (a
    /// department in a county) and the leaders, as a step's light is escalated.</summary>
    public static IReadOnlyList<NoticeAudience> ForFinding(string department, string county) =>
        [new(Department, department, county), new(Leaders, "", county)];

    /// <summary>A land problem (涉土问题) was assigned to a department: its officers in the project's county, as a chase is told.</summary>
    public static IReadOnlyList<NoticeAudience> ForProblemAssigned(string department, string county) =>
        [new(Department, department, county)];

    /// <summary>A land problem was resolved: the project's liaison, unless they resolved it themselves.</summary>
    public static IReadOnlyList<NoticeAudience> ForProblemResolved(string? liaison, string resolvedBy) =>
        [.. LiaisonOf(liaison == resolvedBy ? null : liaison)];

    /// <summary>Whether a light change from <paramref name="from"/> to <paramref name="to"/> is told: only a turn for the
    /// worse into yellow or red (an extension that takes a red step back to yellow tells nobody).</summary>
    public static bool IsEscalation(string? from, string? to) =>
        Severity(to) > Severity(from) && Severity(to) >= Severity(Names.Of(Light.Yellow));

    /// <summary>The audience whose notices <paramref name="actor"/> reads; null when the role reads none (enterprises,
    /// administrators, the platform).</summary>
    public static NoticeReader? ReaderOf(Actor actor) => actor.Role switch
    {
        Roles.Leader => new NoticeReader(Leaders, "", null),
        Roles.Liaison => new NoticeReader(Liaison, actor.Id, null),
        Roles.Officer when !string.IsNullOrEmpty(actor.Department) => new NoticeReader(Department, actor.Department, actor.County),
        _ => null,
    };

    private static IEnumerable<NoticeAudience> LiaisonOf(string? liaison) =>
        string.IsNullOrWhiteSpace(liaison) ? [] : [new NoticeAudience(Liaison, liaison, null)];

    private static int Severity(string? light) => light switch
    {
        "red" => 2,
        "yellow" => 1,
        _ => 0,
    };
}

/// <summary>One addressee of a notice: <c>Kind</c> liaison (Key: user id), department (Key: department) or leaders
/// (Key empty); <c>County</c> the county the notice concerns.</summary>
public sealed record NoticeAudience(string Kind, string Key, string? County);

/// <summary>The notices one user reads: those addressed to <c>Kind</c>/<c>Key</c>, of <c>County</c> only when it is set
/// (an officer of a county; one without a county reads every county's).</summary>
public sealed record NoticeReader(string Kind, string Key, string? County)
{
    public bool Reads(NoticeAudience audience) =>
        audience.Kind == Kind && audience.Key == Key && (County is null || audience.County == County);
}

/// <summary>The kinds of notice.</summary>
public static class NoticeKinds
{
    /// <summary>A step's light turned yellow or red.</summary>
    public const string Light = "light";

    /// <summary>A step was chased (催办).</summary>
    public const string Chase = "chase";

    /// <summary>An inspection finding's rectification deadline turned yellow or red.</summary>
    public const string Finding = "finding";

    /// <summary>A land problem (涉土问题) was assigned to a department.</summary>
    public const string ProblemAssigned = "problem-assigned";

    /// <summary>A land problem was resolved.</summary>
    public const string ProblemResolved = "problem-resolved";
}
