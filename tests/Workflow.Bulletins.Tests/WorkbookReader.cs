using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Workflow.Bulletins.Tests;

/// <summary>Reads a workbook back with the Open XML SDK: each cell's text (shared strings resolved), number and
/// number format, by row and column.</summary>
internal sealed class WorkbookReader : IDisposable
{
    private readonly MemoryStream _stream;
    private readonly SpreadsheetDocument _document;

    private WorkbookReader(byte[] bytes)
    {
        _stream = new MemoryStream(bytes);
        _document = SpreadsheetDocument.Open(_stream, isEditable: false);
    }

    public static WorkbookReader Open(byte[] bytes) => new(bytes);

    private WorkbookPart Part => _document.WorkbookPart!;

    public IReadOnlyList<string> SheetNames() =>
        Part.Workbook.Sheets!.Elements<Sheet>().Select(sheet => sheet.Name!.Value!).ToList();

    public IReadOnlyList<IReadOnlyList<ReadCell>> Rows(string sheetName)
    {
        var sheet = Part.Workbook.Sheets!.Elements<Sheet>().Single(sheet => sheet.Name == sheetName);
        var worksheet = ((WorksheetPart)Part.GetPartById(sheet.Id!.Value!)).Worksheet;
        var strings = Part.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(item => item.InnerText).ToList() ?? [];
        var formats = Part.WorkbookStylesPart!.Stylesheet;
        return worksheet.Descendants<Row>()
            .Select(row => (IReadOnlyList<ReadCell>)row.Elements<Cell>().Select(cell => Read(cell, strings, formats)).ToList())
            .ToList();
    }

    private static ReadCell Read(Cell cell, List<string> strings, Stylesheet styles)
    {
        var raw = cell.CellValue?.Text;
        var format = NumberFormat(styles, cell.StyleIndex?.Value ?? 0);
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return new ReadCell(strings[int.Parse(raw!, CultureInfo.InvariantCulture)], null, format);
        }

        return new ReadCell(null, raw is null ? null : double.Parse(raw, CultureInfo.InvariantCulture), format);
    }

    private static string? NumberFormat(Stylesheet styles, uint styleIndex)
    {
        var cellFormat = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)styleIndex);
        var id = cellFormat.NumberFormatId?.Value ?? 0;
        return styles.NumberingFormats?.Elements<NumberingFormat>().FirstOrDefault(format => format.NumberFormatId?.Value == id)?.FormatCode?.Value;
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }
}

internal sealed record ReadCell(string? Text, double? Number, string? Format);
