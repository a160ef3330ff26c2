using System.Text.RegularExpressions;

namespace Workflow.Bulletins.Tests;

public sealed partial class BulletinHtmlTests
{
    [Fact]
    public void Render_Bulletin_IsAnA4ChinesePageWithItsWeek()
    {
        var html = BulletinHtml.Render(SampleBulletins.Week49());

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Contains("@page { size: A4;", html);
        Assert.Contains("一周一通报", html);
        Assert.Contains("2026年第49周（2026年11月30日至2026年12月6日）", html);
    }

    [Fact]
    public void Render_Bulletin_LoadsNothingFromElsewhere()
    {
        var html = BulletinHtml.Render(SampleBulletins.Week49());

        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("http", html);
        Assert.DoesNotContain("@import", html);
    }

    [Fact]
    public void Render_Headline_GivesTheFiguresAndTheChange()
    {
        var html = BulletinHtml.Render(SampleBulletins.Week49());

        // 68 / 79 = 86.1%, last week 88.0%: down 1.9 points.
        Assert.Contains("共办结审批环节 <b>79</b> 个，其中按时办结 <b>68</b> 个，按时办结率 <b>86.1%</b>，上周 88.0%，较上周-1.9个百分点", html);
        Assert.Contains("通报线为 85.0%", html);
        Assert.Contains("当前红灯（超期）事项 <b>3</b> 个", html);
    }

    [Fact]
    public void Render_CountyTable_RowsInRankOrder()
    {
        var html = BulletinHtml.Render(SampleBulletins.Week49());
        var table = Section(html, "一、各县（区）按时办结率排名");

        var ranks = RowPattern().Matches(table).Select(match => int.Parse(match.Groups[1].Value)).ToList();
        Assert.Equal([1, 2, 3, 4, 5], ranks);
        Assert.True(table.IndexOf("吴兴区", StringComparison.Ordinal) < table.IndexOf("安吉县", StringComparison.Ordinal));
        Assert.Contains("<td>上升1位</td>", table);
    }

    [Fact]
    public void Render_UnitsUnderTheLine_NamedInWordsNotOnlyColour()
    {
        var html = BulletinHtml.Render(SampleBulletins.Week49());

        Assert.Contains("按时办结率低于通报线的县（区）（予以通报）：安吉县（75.0%）、&lt;script&gt;", html);
        Assert.Contains("按时办结率低于通报线的部门（予以通报）：县（区）人民政府（64.7%）。", html);

        var counties = Section(html, "一、各县（区）按时办结率排名");
        var below = BelowRowPattern().Matches(counties).Select(match => match.Value).ToList();
        Assert.Equal(2, below.Count);
        Assert.All(below, row => Assert.Contains("▼ 低于通报线", row));
        Assert.Contains("安吉县", below[0]);
        Assert.DoesNotContain("低于通报线", RowContaining(counties, "德清县"));
    }

    [Fact]
    public void Render_RedItems_MostOverdueFirstWithLiaison()
    {
        var html = BulletinHtml.Render(SampleBulletins.Week49());
        var red = Section(html, "三、红灯（超期）事项");

        var first = red.IndexOf("330503202600007", StringComparison.Ordinal);
        var second = red.IndexOf("330523202600012", StringComparison.Ordinal);
        var third = red.IndexOf("330503202600009", StringComparison.Ordinal);
        Assert.True(first > 0 && first < second && second < third);
        Assert.Contains("<td>未指派</td><td>12</td>", red);
        Assert.Contains("<td>liaison-wang</td><td>3</td>", red);
    }

    [Fact]
    public void Render_MarkupInAName_IsEscaped()
    {
        var html = BulletinHtml.Render(SampleBulletins.Week49());

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;县", html);
    }

    [Fact]
    public void Render_EmptyWeek_SaysSoInsteadOfEmptyTables()
    {
        var empty = SampleBulletins.Week49() with { Counties = [], Departments = [], RedItems = [], Completed = 0, CompletedOnTime = 0, OnTimeRate = null, PreviousOnTimeRate = null };

        var html = BulletinHtml.Render(empty);

        Assert.Contains("按时办结率 <b>—</b>", html);
        Assert.Contains("本周末无红灯事项。", html);
        Assert.DoesNotContain("<table>", html);
    }

    private static string Section(string html, string title)
    {
        var start = html.IndexOf("<h2>" + title, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {title}");
        var end = html.IndexOf("<h2>", start + 4, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    private static string RowContaining(string table, string text) =>
        table.Split("</tr>").Single(row => row.Contains(text, StringComparison.Ordinal));

    [GeneratedRegex("<tr(?: class=\"below\")?><td>(\\d+)</td>")]
    private static partial Regex RowPattern();

    [GeneratedRegex("<tr class=\"below\">.*?</tr>")]
    private static partial Regex BelowRowPattern();
}
