using System.Globalization;
using System.Net;
using System.Text;
using Workflow.Contracts;

namespace Workflow.Bulletins;

/// <summary>The bulletin as one printable HTML page (A4, Chinese): self-contained (inline CSS, no script, no external
/// asset), every value from the data HTML-encoded. Units under the line are marked in words as well as colour.</summary>
public static class BulletinHtml
{
    public const string ContentType = "text/html; charset=utf-8";

    private const string Style = """
        @page { size: A4; margin: 18mm 15mm; }
        body { font-family: "SimSun", "Songti SC", "Noto Serif CJK SC", serif; font-size: 11pt; color: #000; margin: 0; }
        h1 { font-size: 20pt; text-align: center; color: #c00; margin: 0 0 4pt; letter-spacing: 2pt; }
        .week { text-align: center; margin: 0 0 10pt; }
        hr.red { border: 0; border-top: 2pt solid #c00; margin: 0 0 12pt; }
        h2 { font-size: 13pt; margin: 14pt 0 6pt; }
        p { margin: 4pt 0; text-indent: 2em; line-height: 1.6; }
        table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; page-break-inside: auto; }
        tr { page-break-inside: avoid; }
        th, td { border: 0.5pt solid #000; padding: 2pt 4pt; text-align: center; }
        th { background: #eee; font-weight: bold; }
        td.name { text-align: left; }
        tr.below td { background: #fde8e8; }
        tr.below td.mark { color: #c00; font-weight: bold; }
        .asof { text-align: right; font-size: 9pt; color: #444; margin-top: 12pt; text-indent: 0; }
        @media print { th, tr.below td { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
        """;

    public static string Render(Bulletin bulletin)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        var html = new StringBuilder(16 * 1024);
        var week = BulletinFigures.WeekTitle(bulletin.Week);
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>一周一通报 ")
            .Append(Encode(week)).Append("</title>\n<style>\n").Append(Style).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>用地审批一周一通报</h1>\n<p class=\"week\">")
            .Append(Encode(week)).Append("（").Append(BulletinFigures.Date(bulletin.From)).Append("至")
            .Append(BulletinFigures.Date(bulletin.To)).Append("）</p>\n<hr class=\"red\">\n");

        Headline(html, bulletin);
        Ranking(html, "一、各县（区）按时办结率排名", "县（区）", bulletin.Counties, bulletin.Line);
        Ranking(html, "二、各部门按时办结率排名", "部门", bulletin.Departments, bulletin.Line);
        RedItems(html, bulletin.RedItems);

        html.Append("<p class=\"asof\">数据截至 ")
            .Append(Encode(bulletin.AsOf.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))
            .Append("（北京时间）</p>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Headline(StringBuilder html, Bulletin bulletin)
    {
        html.Append("<h2>总体情况</h2>\n<p>本周全市共办结审批环节 <b>").Append(bulletin.Completed).Append("</b> 个，其中按时办结 <b>")
            .Append(bulletin.CompletedOnTime).Append("</b> 个，按时办结率 <b>").Append(BulletinFigures.Rate(bulletin.OnTimeRate))
            .Append("</b>");
        if (bulletin.PreviousOnTimeRate is { } previous)
        {
            html.Append("，上周 ").Append(BulletinFigures.Rate(previous));
            if (bulletin.OnTimeRate is { } now)
            {
                html.Append("，较上周").Append(BulletinFigures.Change(now - previous));
            }
        }

        html.Append("。通报线为 ").Append(BulletinFigures.Rate(bulletin.Line)).Append("；当前红灯（超期）事项 <b>")
            .Append(bulletin.RedItems.Count).Append("</b> 个。</p>\n");

        Named(html, "县（区）", bulletin.Counties);
        Named(html, "部门", bulletin.Departments);
    }

    /// <summary>The units under the line, named in a sentence: what a reader of the bulletin is meant to act on.</summary>
    private static void Named(StringBuilder html, string kind, IReadOnlyList<BulletinRow> rows)
    {
        var below = rows.Where(row => row.BelowLine).ToList();
        html.Append("<p class=\"named\">");
        if (below.Count == 0)
        {
            html.Append("各").Append(kind).Append("按时办结率均达到通报线。");
        }
        else
        {
            html.Append("按时办结率低于通报线的").Append(kind).Append("（予以通报）：")
                .Append(string.Join("、", below.Select(row => $"{Encode(row.UnitName)}（{BulletinFigures.Rate(row.OnTimeRate)}）")))
                .Append('。');
        }

        html.Append("</p>\n");
    }

    private static void Ranking(StringBuilder html, string title, string kind, IReadOnlyList<BulletinRow> rows, double line)
    {
        html.Append("<h2>").Append(title).Append("</h2>\n");
        if (rows.Count == 0)
        {
            html.Append("<p>本周无办结事项。</p>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>名次</th><th>").Append(kind)
            .Append("</th><th>办结</th><th>按时办结</th><th>按时办结率</th><th>较上周</th><th>名次变化</th><th>红灯</th><th>对照通报线（")
            .Append(BulletinFigures.Rate(line)).Append("）</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows.OrderBy(row => row.Rank))
        {
            html.Append(row.BelowLine ? "<tr class=\"below\">" : "<tr>")
                .Append("<td>").Append(row.Rank).Append("</td>")
                .Append("<td class=\"name\">").Append(Encode(row.UnitName)).Append("</td>")
                .Append("<td>").Append(row.Completed).Append("</td>")
                .Append("<td>").Append(row.CompletedOnTime).Append("</td>")
                .Append("<td>").Append(BulletinFigures.Rate(row.OnTimeRate)).Append("</td>")
                .Append("<td>").Append(BulletinFigures.Change(row.Change)).Append("</td>")
                .Append("<td>").Append(BulletinFigures.RankMove(row)).Append("</td>")
                .Append("<td>").Append(row.Red).Append("</td>")
                .Append("<td class=\"mark\">").Append(row.BelowLine ? "▼ " + BulletinFigures.BelowLineMark : BulletinFigures.AboveLineMark)
                .Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void RedItems(StringBuilder html, IReadOnlyList<BulletinRedItem> items)
    {
        html.Append("<h2>三、红灯（超期）事项</h2>\n");
        if (items.Count == 0)
        {
            html.Append("<p>本周末无红灯事项。</p>\n");
            return;
        }

        html.Append("<table>\n<thead><tr><th>序号</th><th>项目编号</th><th>项目名称</th><th>县（区）</th><th>环节</th><th>部门</th><th>代办员</th><th>超期（工作日）</th></tr></thead>\n<tbody>\n");
        var number = 0;
        foreach (var item in items.OrderByDescending(item => item.WorkingDaysOverdue).ThenBy(item => item.Code, StringComparer.Ordinal))
        {
            html.Append("<tr><td>").Append(++number).Append("</td>")
                .Append("<td>").Append(Encode(item.Code)).Append("</td>")
                .Append("<td class=\"name\">").Append(Encode(item.Name)).Append("</td>")
                .Append("<td>").Append(Encode(item.County)).Append("</td>")
                .Append("<td>").Append(Encode(item.Step)).Append("</td>")
                .Append("<td>").Append(Encode(item.Department)).Append("</td>")
                .Append("<td>").Append(item.Liaison is { Length: > 0 } liaison ? Encode(liaison) : "未指派").Append("</td>")
                .Append("<td>").Append(item.WorkingDaysOverdue).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>Encodes &lt; &gt; &amp; and both quotes; Chinese text stays as it is.</summary>
    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
