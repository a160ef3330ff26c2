using System.Text.Json.Nodes;
using Workflow.Domain;
using Workflow.Storage;

namespace Workflow.Projections;

/// <summary>
/// The notices read model (issue 11, escalation): a step's light turning yellow or red, a chase (催办) of a step, an
/// inspection finding's light, each turned into one notice per audience (<see cref="NoticeAudiences"/>). Fed from the
/// durable history only, so a notice exists exactly when its event does: nothing in a grain's memory can lose or
/// double one.
/// </summary>
public sealed class NoticesProjection(WorkflowEnvironment environment) : IProjection
{
    public const string ProjectionName = "notices";

    private const string ProjectPrefix = "project/";
    private const string InspectionPrefix = "inspection/";

    public string Name => ProjectionName;

    public string SqliteSchema => NoticesSchema.Ddl;

    // notice_reads is not here: read marks are the users' own record, and survive a rebuild.
    public IReadOnlyList<string> Tables { get; } = ["notices", "notice_projects"];

    public async Task ApplyAsync(ProjectionBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var writer = new Writer(batch, environment, cancellationToken);
        foreach (var feedEvent in batch.Events)
        {
            await writer.ApplyAsync(feedEvent);
        }
    }

    /// <summary>One batch's work: what it learnt of projects so far, and the next notice id.</summary>
    private sealed class Writer(ProjectionBatch batch, WorkflowEnvironment environment, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, NoticeProject?> projects = new(StringComparer.Ordinal);
        private long? lastId;

        public async Task ApplyAsync(FeedEvent feedEvent)
        {
            var stream = feedEvent.StreamId;
            var e = feedEvent.Event;
            if (stream.StartsWith(ProjectPrefix, StringComparison.Ordinal))
            {
                await ApplyProjectEventAsync(stream, e);
            }
            else if (stream.StartsWith(InspectionPrefix, StringComparison.Ordinal) && e.Kind == EventKinds.Light)
            {
                var facts = Facts(e);
                if (NoticeAudiences.IsEscalation(Text(facts, "from"), Text(facts, "to"))
                    && Text(facts, "department") is { } department && Text(facts, "county") is { } county)
                {
                    var notice = new NoticeRow(0, NoticeKinds.Finding, null, null, Text(facts, "finding") ?? e.Step, Text(facts, "to"),
                        e.Reason, e.At, false, stream, e.Seq, county, department);
                    await InsertAsync(notice, NoticeAudiences.ForFinding(department, county));
                }
            }
        }

        private async Task ApplyProjectEventAsync(string stream, StoredEvent e)
        {
            switch (e.Kind)
            {
                case EventKinds.Registered:
                    await RegisterAsync(stream, Facts(e));
                    break;
                case EventKinds.LiaisonAssigned:
                    if (await ProjectAsync(stream) is { } assigned)
                    {
                        var liaison = Text(Facts(e), "liaison");
                        projects[stream] = assigned with { Liaison = liaison };
                        await batch.ExecuteAsync("UPDATE notice_projects SET liaison = @liaison WHERE stream_id = @stream", cancellationToken,
                            ("@liaison", liaison), ("@stream", stream));
                    }

                    break;
                case EventKinds.Light when e.Step is not null:
                    var light = Facts(e);
                    if (NoticeAudiences.IsEscalation(Text(light, "from"), Text(light, "to")) && await ProjectAsync(stream) is { } lit)
                    {
                        var department = DepartmentOf(lit, e.Step);
                        await InsertAsync(Notice(NoticeKinds.Light, stream, e, lit, Text(light, "to"), department),
                            NoticeAudiences.ForStepLight(lit.Liaison, department ?? "", lit.County).Where(a => a.Kind != NoticeAudiences.Department || department is not null));
                    }

                    break;
                case EventKinds.Chase when e.Step is not null:
                    if (await ProjectAsync(stream) is { } chased && DepartmentOf(chased, e.Step) is { } chasedDepartment)
                    {
                        await InsertAsync(Notice(NoticeKinds.Chase, stream, e, chased, null, chasedDepartment), NoticeAudiences.ForChase(chasedDepartment, chased.County));
                    }

                    break;
                case EventKinds.ProblemAssigned:
                    var assignment = Facts(e);
                    if (Text(assignment, "department") is { } problemDepartment && Text(assignment, "county") is { } problemCounty)
                    {
                        await InsertAsync(ProblemNotice(NoticeKinds.ProblemAssigned, stream, e, assignment, problemDepartment, problemCounty),
                            NoticeAudiences.ForProblemAssigned(problemDepartment, problemCounty));
                    }

                    break;
                case EventKinds.ProblemResolved:
                    var resolution = Facts(e);
                    if (Text(resolution, "county") is { } resolvedCounty)
                    {
                        await InsertAsync(ProblemNotice(NoticeKinds.ProblemResolved, stream, e, resolution, Text(resolution, "department"), resolvedCounty),
                            NoticeAudiences.ForProblemResolved(Text(resolution, "liaison"), e.Actor));
                    }

                    break;
            }
        }

        /// <summary>A land problem's notice: its title (and the note, if any) as the reason; its events carry the county and
        /// project name themselves.</summary>
        private static NoticeRow ProblemNotice(string kind, string stream, StoredEvent e, JsonObject? facts, string? department, string county) =>
            new(0, kind, stream[ProjectPrefix.Length..], Text(facts, "name"), e.Step, null,
                e.Reason is { } note ? $"{Text(facts, "title")}: {note}" : Text(facts, "title"), e.At, false, stream, e.Seq, county, department);

        private static NoticeRow Notice(string kind, string stream, StoredEvent e, NoticeProject project, string? light, string? department) =>
            new(0, kind, stream[ProjectPrefix.Length..], project.Name, e.Step, light, e.Reason, e.At, false, stream, e.Seq, project.County, department);

        private async Task RegisterAsync(string stream, JsonObject? facts)
        {
            if (Text(facts, "template") is not { } template || Text(facts, "county") is not { } county
                || facts?["version"] is not JsonValue versionNode || !versionNode.TryGetValue<int>(out var version))
            {
                return;
            }

            // name and liaison are read when the registration carries them (recorded since issue 11); a liaison named later
            // comes as a liaison event.
            var project = new NoticeProject(Text(facts, "name"), template, version, Text(facts, "approvalLevel") ?? ApprovalLevels.Province, county, Text(facts, "liaison"));
            projects[stream] = project;
            await batch.ExecuteAsync("""
                INSERT INTO notice_projects (stream_id, name, template, version, approval_level, county, liaison)
                VALUES (@stream, @name, @template, @version, @level, @county, @liaison)
                ON CONFLICT (stream_id) DO UPDATE SET name = excluded.name, template = excluded.template, version = excluded.version,
                    approval_level = excluded.approval_level, county = excluded.county, liaison = excluded.liaison
                """,
                cancellationToken,
                ("@stream", stream), ("@name", project.Name), ("@template", template), ("@version", version), ("@level", project.ApprovalLevel),
                ("@county", county), ("@liaison", project.Liaison));
        }

        private async Task<NoticeProject?> ProjectAsync(string stream)
        {
            if (projects.TryGetValue(stream, out var known))
            {
                return known;
            }

            var rows = await ReadModelSql.QueryAsync(batch.Connection, batch.Transaction,
                "SELECT name, template, version, approval_level, county, liaison FROM notice_projects WHERE stream_id = @stream",
                r => new NoticeProject(
                    r.IsDBNull(0) ? null : r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
                    r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)),
                cancellationToken, ("@stream", stream));
            var project = rows.Count == 1 ? rows[0] : null;
            projects[stream] = project;
            return project;
        }

        /// <summary>The step's department as the template names it for the project's approval level; null for a template or
        /// step this build does not know (the notice still reaches the others rather than stall the projection).</summary>
        private string? DepartmentOf(NoticeProject project, string step) =>
            environment.Templates.All.FirstOrDefault(t => t.Id == project.Template && t.Version == project.Version)?.Find(step)?.DepartmentFor(project.ApprovalLevel);

        private async Task InsertAsync(NoticeRow notice, IEnumerable<NoticeAudience> audiences)
        {
            lastId ??= await ReadModelSql.ScalarAsync<long>(batch.Connection, batch.Transaction, "SELECT COALESCE(MAX(id), 0) FROM notices", cancellationToken);
            foreach (var audience in audiences)
            {
                // The unique key makes an event applied twice one notice per audience; its id is then simply not used.
                var inserted = await batch.ExecuteAsync("""
                    INSERT INTO notices (id, stream_id, seq, audience_kind, audience_key, county, kind, project_code, project_name, step, light, reason, department, at_ticks)
                    VALUES (@id, @stream, @seq, @audience_kind, @audience_key, @county, @kind, @code, @name, @step, @light, @reason, @department, @at)
                    ON CONFLICT (stream_id, seq, audience_kind, audience_key) DO NOTHING
                    """,
                    cancellationToken,
                    ("@id", lastId.Value + 1), ("@stream", notice.Stream), ("@seq", notice.Seq), ("@audience_kind", audience.Kind), ("@audience_key", audience.Key),
                    ("@county", audience.County ?? notice.County), ("@kind", notice.Kind), ("@code", notice.ProjectCode), ("@name", notice.ProjectName),
                    ("@step", notice.Step), ("@light", notice.Light), ("@reason", notice.Reason), ("@department", notice.Department), ("@at", notice.At.UtcTicks));
                if (inserted == 1)
                {
                    lastId++;
                }
            }
        }

        private static JsonObject? Facts(StoredEvent e) =>
            string.IsNullOrEmpty(e.FactsJson) ? null : JsonNode.Parse(e.FactsJson) as JsonObject;

        private static string? Text(JsonObject? facts, string name) =>
            facts?[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
    }

    private sealed record NoticeProject(string? Name, string Template, int Version, string ApprovalLevel, string County, string? Liaison);
}
