using System.Text.Json.Nodes;
using Workflow.Domain;

namespace Workflow.Testing.Analytics;

/// <summary>A small procedure for read-model tests: intake (needs the owner's form) → review → decision (the last step).</summary>
public static class AnalyticsTestTemplate
{
    public const string Id = "ANALYTICS_TEST";

    private const string Json = """
        {
          "id": "ANALYTICS_TEST", "version": 1, "name": "Analytics test", "nameZh": "测试", "appliesFrom": "2020-01-01",
          "steps": [
            { "key": "intake", "name": "Intake", "nameZh": "受理", "department": "natural-resources",
              "timeLimit": { "amount": 5, "unit": "WorkingDays" },
              "documents": [ { "key": "form", "name": "Form", "nameZh": "申请表" } ] },
            { "key": "review", "name": "Review", "nameZh": "审查", "department": "county-government", "dependsOn": [ "intake" ],
              "timeLimit": { "amount": 10, "unit": "WorkingDays" } },
            { "key": "decision", "name": "Decision", "nameZh": "决定", "department": "natural-resources", "dependsOn": [ "review" ],
              "kind": "Final", "timeLimit": { "amount": 5, "unit": "WorkingDays" } }
          ]
        }
        """;

    public static WorkflowEnvironment TestProcedure { get; } = new(
        WorkingCalendar.Embedded(), new TemplateCatalog([TemplateCatalog.Parse(Json)]), new WorkflowRules(), FarmlandBalanceRuleBook.Standard);

    public static ProjectEvent Registered(long seq, DateTimeOffset at, string county, string? liaison = null) =>
        new(seq, at, "admin", EventKinds.Registered, null, null, new JsonObject
        {
            ["template"] = Id, ["version"] = 1, ["approvalLevel"] = "province", ["approvalKind"] = "approved", ["county"] = county,
            ["procedure"] = Procedures.LandAcquisition, ["name"] = "P" + seq, ["liaison"] = liaison,
        });

    public static ProjectEvent Act(long seq, DateTimeOffset at, string kind, string? step, JsonObject? facts = null) =>
        new(seq, at, "officer", kind, step, null, facts);

    /// <summary>9:00 China time on <paramref name="day"/>.</summary>
    public static DateTimeOffset At(DateOnly day, int hour = 9) => WorkingCalendar.StartOfDay(day).AddHours(hour);
}
