using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
using Monitor.Worker.Tools.Import;

namespace Monitor.Tests.Support;

/// <summary>Writes real .xlsx files for specs with MiniExcel, as an office would have them: typed dates and numbers, and merged cells where asked.</summary>
internal static class Workbooks
{
    /// <summary>
    /// Writes <paramref name="rows"/> (row 1 first) to one or more sheets; a column holding a date is formatted as
    /// dates. <paramref name="merges"/> (A1:H1 …) are merged on the first sheet, as Excel stores them: the first
    /// cell's value, the other cells present and empty.
    /// </summary>
    public static string Write(string path, IReadOnlyList<object?[]> rows, string[]? merges = null, string sheet = "走访记录", IReadOnlyList<object?[]>? secondSheet = null)
    {
        var width = rows.Concat(secondSheet ?? []).Max(r => r.Length);
        var keys = Enumerable.Range(0, width).Select(SheetReader.ColumnLetter).ToArray();
        var columns = keys.Select((key, i) => new DynamicExcelColumn(key)
        {
            Format = rows.Any(r => i < r.Length && r[i] is DateTime or DateOnly) ? "yyyy-mm-dd" : null,
        }).ToArray();
        var sheets = new Dictionary<string, object> { [sheet] = Table(rows, keys) };
        if (secondSheet is not null)
        {
            sheets["第二张"] = Table(secondSheet, keys);
        }

        MiniExcel.SaveAs(path, sheets, printHeader: false, overwriteFile: true, configuration: new OpenXmlConfiguration { DynamicColumns = columns });
        if (merges is { Length: > 0 })
        {
            using var document = SpreadsheetDocument.Open(path, isEditable: true);
            var part = document.WorkbookPart!.WorksheetParts.First(p => document.WorkbookPart.GetIdOfPart(p) == document.WorkbookPart.Workbook.Descendants<Sheet>().First().Id);
            var worksheet = part.Worksheet;
            var merged = new MergeCells(merges.Select(m => new MergeCell { Reference = m }));
            worksheet.InsertAfter(merged, worksheet.Elements<OpenXmlElement>().Last(e => e is SheetData or AutoFilter));
            worksheet.Save();
        }

        return path;
    }

    private static List<Dictionary<string, object?>> Table(IReadOnlyList<object?[]> rows, string[] keys) =>
        [.. rows.Select(r => keys.Select((k, i) => (k, Value: i < r.Length ? r[i] is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : r[i] : null)).ToDictionary(c => c.k, c => c.Value))];
}
