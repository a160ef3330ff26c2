using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Workflow.Bulletins.Tests;

public sealed class BulletinWorkbookTests
{
    [Fact]
    public void Render_Bulletin_OpensWithTheFourSheetsInOrder()
    {
        using var workbook = WorkbookReader.Open(BulletinWorkbook.Render(SampleBulletins.Week49()));

        Assert.Equal(
            [BulletinWorkbook.SummarySheet, BulletinWorkbook.CountiesSheet, BulletinWorkbook.DepartmentsSheet, BulletinWorkbook.RedItemsSheet],
            workbook.SheetNames());
    }

    [Fact]
    public void Render_Bulletin_IsValidOpenXmlForExcel()
    {
        using var stream = new MemoryStream(BulletinWorkbook.Render(SampleBulletins.Week49()));
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);

        // What Excel checks when it opens a file (WPS reads what Excel reads); the SDK's validator knows the schema.
        var errors = new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Office2016).Validate(document)
            .Select(error => $"{error.Path?.XPath}: {error.Description}")
            .ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void Render_CountiesSheet_RanksNamesAndRatesAsNumbers()
    {
        using var workbook = WorkbookReader.Open(BulletinWorkbook.Render(SampleBulletins.Week49()));
        var rows = workbook.Rows(BulletinWorkbook.CountiesSheet);

        Assert.Equal("名次", rows[0][0].Text);
        Assert.Equal(6, rows.Count);
        Assert.Equal([1d, 2, 3, 4, 5], rows.Skip(1).Select(row => row[0].Number!.Value));
        Assert.Equal(["吴兴区", "德清县", "长兴县", "安吉县", SampleBulletins.HostileName], rows.Skip(1).Select(row => row[2].Text));

        var anji = rows[4];
        Assert.Equal(16d, anji[3].Number);
        Assert.Equal(12d, anji[4].Number);
        Assert.Equal(0.75, anji[5].Number);
        Assert.Equal("0.0%", anji[5].Format);
        Assert.Equal(-0.1, anji[6].Number);
        Assert.Equal(3d, anji[7].Number);
        Assert.Equal(2d, anji[8].Number);
        Assert.Equal(BulletinFigures.BelowLineMark, anji[9].Text);
        Assert.Equal(BulletinFigures.AboveLineMark, rows[1][9].Text);

        // A county with no rate last week has empty cells, not zeros.
        Assert.Null(rows[3][6].Number);
        Assert.Null(rows[3][7].Number);
    }

    [Fact]
    public void Render_DepartmentsSheet_MarksTheOneUnderTheLine()
    {
        using var workbook = WorkbookReader.Open(BulletinWorkbook.Render(SampleBulletins.Week49()));
        var rows = workbook.Rows(BulletinWorkbook.DepartmentsSheet);

        Assert.Equal(["财政局", "自然资源和规划局", "县（区）人民政府"], rows.Skip(1).Select(row => row[2].Text));
        Assert.Equal([BulletinFigures.BelowLineMark], rows.Skip(1).Where(row => row[9].Text == BulletinFigures.BelowLineMark).Select(row => row[9].Text));
        Assert.Equal("county-government", rows[3][1].Text);
        Assert.Equal(11.0 / 17, rows[3][5].Number!.Value, 12);
    }

    [Fact]
    public void Render_SummarySheet_HoldsTheHeadlineFigures()
    {
        using var workbook = WorkbookReader.Open(BulletinWorkbook.Render(SampleBulletins.Week49()));
        var summary = workbook.Rows(BulletinWorkbook.SummarySheet).Skip(1).ToDictionary(row => row[0].Text!, row => row[1]);

        Assert.Equal("2026-W49", summary["通报周次"].Text);
        Assert.Equal(new DateTime(2026, 11, 30), DateTime.FromOADate(summary["起始日期"].Number!.Value));
        Assert.Equal("yyyy-mm-dd", summary["起始日期"].Format);
        Assert.Equal(new DateTime(2026, 12, 6), DateTime.FromOADate(summary["截止日期"].Number!.Value));
        Assert.Equal(0.85, summary["通报线"].Number);
        Assert.Equal(79d, summary["办结环节数"].Number);
        Assert.Equal(68d, summary["按时办结数"].Number);
        Assert.Equal(68.0 / 79, summary["按时办结率"].Number!.Value, 12);
        Assert.Equal("0.0%", summary["按时办结率"].Format);
        Assert.Equal(0.88, summary["上周按时办结率"].Number);
        Assert.Equal(3d, summary["红灯事项数"].Number);
        Assert.Equal("安吉县、" + SampleBulletins.HostileName, summary["低于通报线的县（区）"].Text);
        Assert.Equal("县（区）人民政府", summary["低于通报线的部门"].Text);
    }

    [Fact]
    public void Render_RedItemsSheet_ListsMostOverdueFirstWithLiaison()
    {
        using var workbook = WorkbookReader.Open(BulletinWorkbook.Render(SampleBulletins.Week49()));
        var rows = workbook.Rows(BulletinWorkbook.RedItemsSheet);

        Assert.Equal(4, rows.Count);
        Assert.Equal(["330503202600007", "330523202600012", "330503202600009"], rows.Skip(1).Select(row => row[1].Text));
        Assert.Equal([12d, 3, 1], rows.Skip(1).Select(row => row[7].Number!.Value));
        Assert.Equal("未指派", rows[1][6].Text);
        Assert.Equal("liaison-wang", rows[2][6].Text);
    }

    [Fact]
    public void FileName_Week_NamesTheWeek()
    {
        Assert.Equal("一周一通报-2026-W49.xlsx", BulletinWorkbook.FileName("2026-W49"));
    }
}
