using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Workflow.Bulletins;

/// <summary>The workbook's cell styles: indexes into <see cref="Sheet"/>'s cell formats.</summary>
internal static class Styles
{
    public const uint Plain = 0;
    public const uint Header = 1;
    public const uint Percent = 2;
    public const uint Points = 3;
    public const uint Date = 4;
    public const uint Warning = 5;

    private const uint PercentFormat = 164;
    private const uint PointsFormat = 165;
    private const uint DateFormat = 166;

    public static Stylesheet Sheet() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = PercentFormat, FormatCode = "0.0%" },
            // A change of rate: the sign always shown, in percentage points (0.023 reads +2.3).
            new NumberingFormat { NumberFormatId = PointsFormat, FormatCode = "+0.0%;-0.0%;0.0%" },
            new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "yyyy-mm-dd" })
        { Count = 3 },
        // A font's children in the schema's order (b, sz, color, name): Excel repairs a file that breaks it.
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "宋体" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new Color { Rgb = "FFCC0000" }, new FontName { Val = "宋体" }))
        { Count = 3 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFEEEEEE" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 0, FormatId = 0, ApplyFont = true, ApplyFill = true },
            new CellFormat { NumberFormatId = PercentFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = PointsFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = DateFormat, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 0, FontId = 2, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true })
        { Count = 6 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}

/// <summary>The shared string table (text cells refer to it by index), which every spreadsheet reader handles.</summary>
internal sealed class SharedStrings(SharedStringTablePart part)
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _texts = [];

    public int IndexOf(string text)
    {
        if (!_indexes.TryGetValue(text, out var index))
        {
            index = _texts.Count;
            _texts.Add(text);
            _indexes.Add(text, index);
        }

        return index;
    }

    public void Save() => part.SharedStringTable = new SharedStringTable(
        _texts.Select(text => new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve })))
    {
        Count = (uint)_texts.Count,
        UniqueCount = (uint)_texts.Count,
    };
}

/// <summary>One cell's value: text, a number, a rate or a date, each with its style. A missing figure is an empty cell
/// (not 0, which would read as a rate of nought).</summary>
internal sealed record Value(string? Words, double? Figure, uint Style)
{
    public static Value Header(string text) => new(text, null, Styles.Header);

    public static Value Text(string? text) => new(text ?? string.Empty, null, Styles.Plain);

    public static Value Warning(string text) => new(text, null, Styles.Warning);

    public static Value Number(double? number) => new(null, number, Styles.Plain);

    public static Value Percent(double? rate) => new(null, rate, Styles.Percent);

    public static Value Points(double? change) => new(null, change, Styles.Points);

    public static Value Date(DateOnly date) => new(null, date.ToDateTime(TimeOnly.MinValue).ToOADate(), Styles.Date);

    public Cell ToCell(string reference, SharedStrings strings)
    {
        var cell = new Cell { CellReference = reference, StyleIndex = Style };
        if (Words is not null)
        {
            cell.DataType = CellValues.SharedString;
            cell.CellValue = new CellValue(strings.IndexOf(Words).ToString(CultureInfo.InvariantCulture));
        }
        else if (Figure is { } number)
        {
            cell.CellValue = new CellValue(number.ToString("R", CultureInfo.InvariantCulture));
        }

        return cell;
    }
}
