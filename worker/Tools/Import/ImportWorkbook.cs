using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// Writes a workbook an import reads: a sheet with a header row and typed cells (a <see cref="DateOnly"/> or
/// <see cref="DateTime"/> as a date cell, numbers as numbers), written by MiniExcel; a second sheet, 取值, listing
/// the values each listed column accepts; and drop-down lists (Excel data validation) on those columns, added with the
/// Open XML SDK, since MiniExcel writes none.
/// </summary>
public static class ImportWorkbook
{
    /// <summary>The sheet of accepted values.</summary>
    public const string ChoicesSheet = "取值";

    /// <summary>The rows a drop-down list covers below the header.</summary>
    public const int ListedRows = 10_000;

    /// <summary>Writes the workbook.</summary>
    /// <param name="path">Where (overwritten).</param>
    /// <param name="sheet">The data sheet's name.</param>
    /// <param name="headers">The header row.</param>
    /// <param name="rows">The data rows, a value per header.</param>
    /// <param name="choices">For some columns (by index), the values a drop-down list offers.</param>
    public static void Write(string path, string sheet, IReadOnlyList<string> headers, IEnumerable<object?[]> rows, IReadOnlyDictionary<int, IReadOnlyList<string>> choices)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(choices);
        var data = rows.ToList();
        var keys = headers.Select((_, i) => SheetReader.ColumnLetter(i)).ToArray();
        var table = new List<Dictionary<string, object?>> { Row(keys, [.. headers]) };
        table.AddRange(data.Select(r => Row(keys, r)));
        var columns = keys.Select((key, i) => new DynamicExcelColumn(key)
        {
            Width = Math.Clamp(data.Select(r => Width(i < r.Length ? r[i] : null)).Append(Width(headers[i])).Max(), 10, 40),
            Format = data.Select(r => i < r.Length ? r[i] : null).FirstOrDefault(v => v is not null) switch
            {
                DateTime { TimeOfDay.Ticks: > 0 } => "yyyy-mm-dd hh:mm",
                DateTime or DateOnly => "yyyy-mm-dd",
                _ => null,
            },
        }).ToArray();

        var listed = choices.OrderBy(c => c.Key).ToList();
        var sheets = new Dictionary<string, object> { [sheet] = table };
        if (listed.Count > 0)
        {
            var longest = listed.Max(c => c.Value.Count);
            var values = new List<Dictionary<string, object?>> { Row(listed.Select((_, i) => SheetReader.ColumnLetter(i)).ToArray(), [.. listed.Select(c => (object?)headers[c.Key])]) };
            for (var r = 0; r < longest; r++)
            {
                values.Add(Row(listed.Select((_, i) => SheetReader.ColumnLetter(i)).ToArray(), [.. listed.Select(c => r < c.Value.Count ? (object?)c.Value[r] : null)]));
            }

            sheets[ChoicesSheet] = values;
        }

        MiniExcel.SaveAs(path, sheets, printHeader: false, overwriteFile: true, configuration: new OpenXmlConfiguration { DynamicColumns = columns, AutoFilter = false });
        if (listed.Count > 0)
        {
            AddLists(path, sheet, listed);
        }
    }

    private static Dictionary<string, object?> Row(string[] keys, object?[] values)
    {
        var row = new Dictionary<string, object?>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++)
        {
            row[keys[i]] = i < values.Length ? values[i] switch
            {
                DateOnly date => date.ToDateTime(TimeOnly.MinValue),
                var value => value,
            } : null;
        }

        return row;
    }

    /// <summary>A column's width in characters, a CJK character counting two.</summary>
    private static double Width(object? value) => value switch
    {
        null => 0,
        DateTime or DateOnly => 16,
        var v => (Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty).Sum(c => c > 0x2E80 ? 2 : 1) + 2,
    };

    private static void AddLists(string path, string sheet, List<KeyValuePair<int, IReadOnlyList<string>>> listed)
    {
        using var document = SpreadsheetDocument.Open(path, isEditable: true);
        var workbook = document.WorkbookPart ?? throw new InvalidOperationException("The workbook written has no workbook part.");
        var id = workbook.Workbook.Descendants<Sheet>().First(s => s.Name == sheet).Id?.Value ?? throw new InvalidOperationException("The sheet written has no id.");
        var worksheet = ((WorksheetPart)workbook.GetPartById(id)).Worksheet;
        var validations = new DataValidations();
        for (var i = 0; i < listed.Count; i++)
        {
            var (column, values) = (SheetReader.ColumnLetter(listed[i].Key), listed[i].Value);
            var source = SheetReader.ColumnLetter(i);
            validations.Append(new DataValidation
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowErrorMessage = true,
                ShowInputMessage = true,
                ErrorTitle = "不是可接受的值",
                Error = $"请从下拉列表中选择（见「{ChoicesSheet}」工作表）。",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}2:{column}{ListedRows + 1}" },
                Formula1 = new Formula1($"'{ChoicesSheet}'!${source}$2:${source}${values.Count + 1}"),
            });
        }

        validations.Count = (uint)listed.Count;

        // Schema order: data validations come after the sheet data and auto filter, before a drawing.
        if (worksheet.GetFirstChild<Drawing>() is { } drawing)
        {
            worksheet.InsertBefore(validations, drawing);
        }
        else
        {
            worksheet.Append(validations);
        }

        worksheet.Save();
    }
}
