using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Workflow.Contracts;

namespace Workflow.Bulletins;

/// <summary>The bulletin as an Excel workbook written with the Open XML SDK: sheets 汇总 (summary), 县区排名, 部门排名
/// and 红灯事项; counts and ranks are numbers, rates numbers formatted as percentages, dates real dates, so the
/// figures can be sorted and summed in Excel or WPS.</summary>
public static class BulletinWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string SummarySheet = "汇总";
    public const string CountiesSheet = "县区排名";
    public const string DepartmentsSheet = "部门排名";
    public const string RedItemsSheet = "红灯事项";

    /// <summary>"一周一通报-2026-W49.xlsx".</summary>
    public static string FileName(string week) => $"一周一通报-{week}.xlsx";

    public static byte[] Render(Bulletin bulletin)
    {
        using var stream = new MemoryStream();
        Write(bulletin, stream);
        return stream.ToArray();
    }

    public static void Write(Bulletin bulletin, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(bulletin);
        ArgumentNullException.ThrowIfNull(stream);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles.Sheet();
        var strings = new SharedStrings(workbookPart.AddNewPart<SharedStringTablePart>());
        var sheets = workbookPart.Workbook.AppendChild(new Sheets());

        AddSheet(workbookPart, sheets, strings, SummarySheet, Summary(bulletin), [16, 24]);
        AddSheet(workbookPart, sheets, strings, CountiesSheet, Ranking(bulletin.Counties, "县（区）"), RankingWidths);
        AddSheet(workbookPart, sheets, strings, DepartmentsSheet, Ranking(bulletin.Departments, "部门"), RankingWidths);
        AddSheet(workbookPart, sheets, strings, RedItemsSheet, Red(bulletin.RedItems), [6, 24, 30, 12, 22, 22, 14, 14]);

        // The shared string table is complete once every sheet has named its text.
        strings.Save();
        workbookPart.Workbook.Save();
    }

    private static readonly double[] RankingWidths = [6, 14, 24, 8, 10, 12, 14, 12, 8, 14];

    private static IEnumerable<IReadOnlyList<Value>> Summary(Bulletin bulletin)
    {
        yield return [Value.Header("项目"), Value.Header("数值")];
        yield return [Value.Text("通报周次"), Value.Text(bulletin.Week)];
        yield return [Value.Text("起始日期"), Value.Date(bulletin.From)];
        yield return [Value.Text("截止日期"), Value.Date(bulletin.To)];
        yield return [Value.Text("通报线"), Value.Percent(bulletin.Line)];
        yield return [Value.Text("办结环节数"), Value.Number(bulletin.Completed)];
        yield return [Value.Text("按时办结数"), Value.Number(bulletin.CompletedOnTime)];
        yield return [Value.Text("按时办结率"), Value.Percent(bulletin.OnTimeRate)];
        yield return [Value.Text("上周按时办结率"), Value.Percent(bulletin.PreviousOnTimeRate)];
        yield return [Value.Text("较上周（百分点）"), Value.Points(bulletin.OnTimeRate - bulletin.PreviousOnTimeRate)];
        yield return [Value.Text("红灯事项数"), Value.Number(bulletin.RedItems.Count)];
        yield return [Value.Text("低于通报线的县（区）"), Value.Text(string.Join("、", bulletin.Counties.Where(row => row.BelowLine).Select(row => row.UnitName)))];
        yield return [Value.Text("低于通报线的部门"), Value.Text(string.Join("、", bulletin.Departments.Where(row => row.BelowLine).Select(row => row.UnitName)))];
        yield return [Value.Text("数据截至"), Value.Text(bulletin.AsOf.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + "（北京时间）")];
    }

    private static IEnumerable<IReadOnlyList<Value>> Ranking(IReadOnlyList<BulletinRow> rows, string kind)
    {
        yield return
        [
            Value.Header("名次"), Value.Header("代码"), Value.Header(kind), Value.Header("办结"), Value.Header("按时办结"),
            Value.Header("按时办结率"), Value.Header("较上周（百分点）"), Value.Header("上周名次"), Value.Header("红灯"), Value.Header("对照通报线"),
        ];
        foreach (var row in rows.OrderBy(row => row.Rank))
        {
            yield return
            [
                Value.Number(row.Rank), Value.Text(row.Unit), Value.Text(row.UnitName), Value.Number(row.Completed),
                Value.Number(row.CompletedOnTime), Value.Percent(row.OnTimeRate), Value.Points(row.Change),
                Value.Number(row.PreviousRank), Value.Number(row.Red),
                row.BelowLine ? Value.Warning(BulletinFigures.BelowLineMark) : Value.Text(BulletinFigures.AboveLineMark),
            ];
        }
    }

    private static IEnumerable<IReadOnlyList<Value>> Red(IReadOnlyList<BulletinRedItem> items)
    {
        yield return
        [
            Value.Header("序号"), Value.Header("项目编号"), Value.Header("项目名称"), Value.Header("县（区）"), Value.Header("环节"),
            Value.Header("部门"), Value.Header("代办员"), Value.Header("超期（工作日）"),
        ];
        var number = 0;
        foreach (var item in items.OrderByDescending(item => item.WorkingDaysOverdue).ThenBy(item => item.Code, StringComparer.Ordinal))
        {
            yield return
            [
                Value.Number(++number), Value.Text(item.Code), Value.Text(item.Name), Value.Text(item.County), Value.Text(item.Step),
                Value.Text(item.Department), Value.Text(item.Liaison is { Length: > 0 } liaison ? liaison : "未指派"),
                Value.Number(item.WorkingDaysOverdue),
            ];
        }
    }

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, SharedStrings strings, string name, IEnumerable<IReadOnlyList<Value>> rows, double[] widths)
    {
        var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var columns = new Columns(widths.Select((width, index) => new Column
        {
            Min = (uint)(index + 1), Max = (uint)(index + 1), Width = width, CustomWidth = true,
        }));

        // The header row stays in view while scrolling a long ranking.
        var views = new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 });

        var data = new SheetData();
        uint rowIndex = 0;
        foreach (var values in rows)
        {
            rowIndex++;
            var row = new Row { RowIndex = rowIndex };
            for (var column = 0; column < values.Count; column++)
            {
                row.AppendChild(values[column].ToCell(ColumnName(column) + rowIndex.ToString(CultureInfo.InvariantCulture), strings));
            }

            data.AppendChild(row);
        }

        worksheetPart.Worksheet = new Worksheet(views, columns, data);
        sheets.AppendChild(new Sheet
        {
            Id = workbookPart.GetIdOfPart(worksheetPart),
            SheetId = (uint)(sheets.ChildElements.Count + 1),
            Name = name,
        });
    }

    /// <summary>A, B, ..., Z, AA: the sheets here are narrower than 26 columns, but the name stays right beyond.</summary>
    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
