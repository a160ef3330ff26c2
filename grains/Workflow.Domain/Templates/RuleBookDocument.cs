using System.Text;

namespace Workflow.Domain;

/// <summary>The rule-book sections of docs/workflow.md that are not templates: who approves (<see cref="ApprovalAuthorityBook"/>)
/// and how periods are counted on which calendars (<see cref="StepClock"/>, <see cref="WorkingCalendar"/>).</summary>
internal static class RuleBookDocument
{
    public static void Append(StringBuilder text, ApprovalAuthorityBook authorities, WorkingCalendar calendar)
    {
        text.Append("\n## Who approves\n\n");
        text.Append("Generated from `grains/Workflow.Domain/Approval/approval-authority.json`. A project's `approvalLevel` is the level in law ");
        text.Append("(土地管理法 第四十四条、第四十六条: the State Council for permanent basic farmland, other cultivated land over 35 ha or other land over 70 ha; ");
        text.Append("the province otherwise); its `approvalAuthority` says who holds that authority in law and who approves in practice, by the row in force ");
        text.Append("on the day the filing is decided (else filed, else registered). A province's own row comes before the row for every province (`*`).\n\n");
        text.Append("| Level | Province | From | Until | Authority in law | Approves in practice | Source | Note |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var row in authorities.Rows)
        {
            var until = row.Until is { } u ? CalendarYear.Iso(u) : "";
            text.Append($"| {row.Level} | {row.Province} | {CalendarYear.Iso(row.From)} | {until} | {row.AuthorityInLaw} | {row.ApproverInPractice} | {row.Source} | {row.Note} |\n");
        }

        text.Append("\n## Periods and calendars\n\n");
        text.Append("Limits in working days count the working days after the start day on the calendar below. ");
        text.Append("A period in days or months starts the day after its start (民法典 第二百零一条); a period in months ends on the corresponding day of its ");
        text.Append("last month, or that month's last day (第二百零二条); and a last day that is a day off (a holiday or a weekend not worked) moves ");
        text.Append("to the first working day after it (第二百零三条): a 30-day period ending on 2026-10-01 ends on 2026-10-08. ");
        text.Append("A step whose clock runs into a year without a calendar file is counted on weekends only and shown with `dueUncertain: true` ");
        text.Append("and a reason; the silo logs an error once per such year.\n\n");
        text.Append("| Year | Checked against |\n|---|---|\n");
        foreach (var year in calendar.Years)
        {
            text.Append($"| {year} | {calendar.SourceOf(year)} |\n");
        }
    }
}
