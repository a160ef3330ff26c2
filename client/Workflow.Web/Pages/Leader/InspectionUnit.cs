using Microsoft.Extensions.Localization;

namespace Workflow.Web;

/// <summary>What the inspection pages show alike: the unit's name, a finding's last day and the worst open light.</summary>
public static class InspectionUnit
{
    private static readonly TimeSpan ChinaStandardTime = TimeSpan.FromHours(8);

    /// <summary>"长兴县 · 自然资源和规划局": the county from the county table, the department from its label.</summary>
    public static string Name(string? county, string? department, IReadOnlyDictionary<string, string> counties, IStringLocalizer labels)
    {
        ArgumentNullException.ThrowIfNull(counties);
        ArgumentNullException.ThrowIfNull(labels);
        var parts = new List<string>();
        if (county is not null)
        {
            parts.Add(counties.GetValueOrDefault(county, county));
        }

        if (department is not null)
        {
            var label = labels[$"Department.{department}"];
            parts.Add(label.ResourceNotFound ? department : label.Value);
        }

        return string.Join(" · ", parts);
    }

    /// <summary>The last day allowed: <see cref="FindingView.DueAt"/> is the midnight after it (China Standard Time).</summary>
    public static DateOnly LastDay(FindingView finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return DateOnly.FromDateTime(finding.DueAt.AddTicks(-1).ToOffset(ChinaStandardTime).DateTime);
    }

    /// <summary>Red before yellow before green among the findings not rectified yet; null when every one is.</summary>
    public static string? WorstOpenLight(InspectionView inspection)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var open = inspection.Findings.Where(f => f.RectifiedAt is null).Select(f => f.Light).ToList();
        return open.Count == 0 ? null
            : open.Contains("red") ? "red"
            : open.Contains("yellow") ? "yellow"
            : "green";
    }
}
