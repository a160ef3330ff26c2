using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Cluster.Tests;

/// <summary>
/// What is checked once the load has stopped and the cluster is whole again: every act the gateway acknowledged is in
/// its project's history (once), every county's quota is conserved and matches the reservations the projects hold,
/// and no request got an answer other than success, an expected refusal or a 503 with Retry-After.
/// </summary>
internal sealed class FaultChecks
{
    private FaultChecks(IReadOnlyList<ActRecord> acts, IReadOnlyList<string> missing, IReadOnlyList<string> duplicated, IReadOnlyList<CountyQuota> counties)
    {
        Acts = acts;
        Missing = missing;
        Duplicated = duplicated;
        Counties = counties;
    }

    public IReadOnlyList<ActRecord> Acts { get; }

    /// <summary>Acts acknowledged (or refused because they had landed) that the history does not show.</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>Acts the history shows more than once.</summary>
    public IReadOnlyList<string> Duplicated { get; }

    public IReadOnlyList<CountyQuota> Counties { get; }

    public int Acknowledged => Acts.Count(a => a.Outcome == ActOutcome.Acknowledged);

    public int AcknowledgedFound => Acknowledged - Missing.Count(m => m.StartsWith("acknowledged", StringComparison.Ordinal));

    public int LandedUnanswered => Acts.Count(a => a.Outcome == ActOutcome.LandedUnanswered);

    public IEnumerable<ActRecord> Failures => Acts.Where(a => a.Outcome == ActOutcome.Failed);

    public IEnumerable<GatewayAnswer> Answers => Acts.SelectMany(a => a.Answers);

    public int Unavailable => Answers.Count(a => a.IsServiceUnavailable);

    public int UnavailableWithoutRetryAfter => Answers.Count(a => a.IsServiceUnavailable && a.RetryAfter is null);

    public bool QuotaConserved => Counties.All(q => q.Conserved && q.ReservationsMatch);

    public static async Task<FaultChecks> RunAsync(GatewayApi api, IReadOnlyCollection<ActRecord> acts, IReadOnlyCollection<ProjectPlan> projects, int lotsPerCounty)
    {
        var byProject = acts.GroupBy(a => a.Project.Code).ToDictionary(g => g.Key, g => g.ToList());
        var missing = new List<string>();
        var duplicated = new List<string>();
        var reservedByCounty = new Dictionary<string, Quota>();
        foreach (var project in projects)
        {
            var registered = byProject.GetValueOrDefault(project.Code)?.FirstOrDefault(a => a.Act.Kind == "registered");
            if (registered is null || registered.Outcome is not (ActOutcome.Acknowledged or ActOutcome.LandedUnanswered))
            {
                continue;
            }

            var history = await api.ReadHistoryAsync("admin", project.Code);
            // Liaison assignments carry no token of their own: each acknowledged one adds one entry, so they are counted.
            var liaisons = byProject[project.Code].Where(a => a.Act.Kind == "liaison").ToList();
            var liaisonsAcknowledged = liaisons.Count(a => a.Outcome == ActOutcome.Acknowledged);
            var liaisonsInHistory = history.Count(entry => entry!["kind"]?.GetValue<string>() == "liaison");
            for (var lost = liaisonsInHistory; lost < liaisonsAcknowledged; lost++)
            {
                missing.Add($"acknowledged liaison of {project.Code}");
            }

            if (liaisonsInHistory > liaisonsAcknowledged + liaisons.Count(a => a.HadUnknownOutcome))
            {
                duplicated.Add($"liaison of {project.Code} ×{liaisonsInHistory} for {liaisonsAcknowledged} acknowledged");
            }

            foreach (var act in byProject[project.Code].Where(a => a.Act.Kind != "liaison" && a.Outcome is ActOutcome.Acknowledged or ActOutcome.LandedUnanswered))
            {
                var found = history.Count(entry => Matches(entry!, act.Act));
                var what = $"{(act.Outcome == ActOutcome.Acknowledged ? "acknowledged" : "landed")} {act.Act.Name} of {project.Code}";
                if (found == 0)
                {
                    missing.Add(what);
                }
                else if (found > 1 && !(act.Act.Kind == "document" && act.HadUnknownOutcome))
                {
                    duplicated.Add($"{what} ×{found}");
                }
            }

            // The reservations the project holds, per county, as the project sees them.
            var balance = (await api.ReadAsync("admin", $"/api/projects/{project.Code}"))["balance"]!;
            if (balance["state"]!.GetValue<string>() == "reserved")
            {
                foreach (var part in balance["counties"]!.AsArray())
                {
                    var county = part!["county"]!.GetValue<string>();
                    reservedByCounty[county] = reservedByCounty.GetValueOrDefault(county) + Quota.Of(part["amount"]);
                }
            }
        }

        var quota = new List<CountyQuota>();
        foreach (var county in Workflow.Domain.Counties.Huzhou)
        {
            var ledger = await api.ReadAsync("admin", $"/api/quota/{county.Code}");
            var deposited = new Quota(QuotaStock.LotAreaMu * lotsPerCounty, QuotaStock.LotPaddyMu * lotsPerCounty, 0);
            quota.Add(new CountyQuota(
                county.Code, deposited, Quota.Of(ledger["deposited"]), Quota.Of(ledger["available"]), Quota.Of(ledger["reserved"]),
                Quota.Of(ledger["consumed"]), reservedByCounty.GetValueOrDefault(county.Code)));
        }

        return new FaultChecks([.. acts], missing, duplicated, quota);
    }

    private static bool Matches(JsonNode entry, PlannedAct act)
    {
        if (entry["kind"]?.GetValue<string>() != act.Kind)
        {
            return false;
        }

        return act.Kind switch
        {
            "registered" => true,
            "document" => entry["facts"]?["key"]?.GetValue<string>() == act.DocumentKey,
            _ => entry["reason"]?.GetValue<string>() == act.Reason && entry["step"]?.GetValue<string>() == act.Step,
        };
    }
}
