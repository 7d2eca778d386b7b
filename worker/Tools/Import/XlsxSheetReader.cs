using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// One sheet of an Excel workbook (.xlsx), read row by row with MiniExcel (streamed: the sheet is never in memory).
/// Cells keep their Excel types: a date cell is read as its date, a number as its number. Merged cells are filled
/// (a college merged down over its visits applies to each of them). Office templates often have a title row, or
/// a two-row header with a merged group label ("用人单位" over "名称" and "统一社会信用代码"): the header is found
/// among the first rows as the first row with at least two recognised column names, the rows above it are reported as
/// skipped, and a second header row under merged cells is combined with it column by column.
/// </summary>
public sealed class XlsxSheetReader : SheetReader
{
    /// <summary>The rows searched for the header.</summary>
    public const int HeaderSearchRows = 10;

    private readonly FileStream file;
    private readonly IEnumerator<object> rows;
    private readonly Queue<(int Row, string[] Cells)> buffered;
    private readonly string[] headers;
    private string[] current = [];
    private int line;
    private int next;

    private XlsxSheetReader(FileStream file, IEnumerator<object> rows, Queue<(int, string[])> buffered, string[] headers, int nextRow)
    {
        this.file = file;
        this.rows = rows;
        this.buffered = buffered;
        this.headers = headers;
        next = nextRow;
    }

    /// <summary>The sheet read.</summary>
    public string SheetName { get; private init; } = string.Empty;

    /// <summary>Every sheet of the workbook, in order.</summary>
    public IReadOnlyList<string> SheetNames { get; private init; } = [];

    /// <summary>The header's row number (the first of two for a two-row header).</summary>
    public int HeaderRow { get; private init; }

    /// <summary>Whether the header spans two rows.</summary>
    public bool TwoRowHeader { get; private init; }

    /// <summary>The non-empty rows above the header (a title, a date line): skipped, and reported.</summary>
    public IReadOnlyList<(int Row, string Text)> SkippedRows { get; private init; } = [];

    public override IReadOnlyList<string> Headers => headers;

    public override int Line => line;

    public override int FieldCount => current.Length;

    public override bool HasColumnLetters => true;

    public override long Position => file.CanSeek ? file.Position : 0;

    /// <summary>Opens <paramref name="sheet"/> (default: the first) and reads its header.</summary>
    /// <param name="path">The workbook.</param>
    /// <param name="sheet">The sheet's name, or null for the first.</param>
    /// <param name="isHeader">Whether a cell names a column of the import (its accepted header names).</param>
    /// <param name="language">For the messages.</param>
    public static XlsxSheetReader Open(string path, string? sheet, Func<string, bool> isHeader, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(isHeader);
        ArgumentNullException.ThrowIfNull(language);
        var file = ImportFile.OpenRead(path, 64 * 1024, language);
        try
        {
            List<string> names;
            try
            {
                names = MiniExcel.GetSheetNames(file);
            }
            catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or NotSupportedException)
            {
                throw new ImportException(language.Pick(
                    $"{path} 不是可以读取的 Excel 工作簿（.xlsx）：{ex.Message}。若它有打开密码，请先在 Excel 中取消密码，或另存为 CSV。",
                    $"{path} is not an Excel workbook (.xlsx) that can be read: {ex.Message}. If it has a password, remove it in Excel or save the sheet as CSV."), ex);
            }

            var name = sheet is null ? names.FirstOrDefault() : names.FirstOrDefault(n => string.Equals(n.Trim(), sheet.Trim(), StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                throw new ImportException(sheet is null
                    ? language.Pick($"{path} 中没有工作表。", $"{path} has no sheet.")
                    : language.Pick(
                        $"{path} 中没有名为「{sheet}」的工作表；它的工作表有：{string.Join("、", names)}。",
                        $"{path} has no sheet named '{sheet}'; its sheets are: {string.Join(", ", names)}."));
            }

            file.Position = 0;
            var rows = MiniExcel.Query(file, useHeaderRow: false, sheetName: name, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration { FillMergedCells = true })
                .Cast<object>().GetEnumerator();
            var top = new List<string[]>();
            while (top.Count < HeaderSearchRows + 1 && rows.MoveNext())
            {
                top.Add(Cells(rows.Current));
            }

            var headerIndex = top.FindIndex(r => r.Count(c => c.Length > 0 && isHeader(c)) >= 2);
            if (headerIndex < 0 || headerIndex >= HeaderSearchRows)
            {
                headerIndex = Math.Max(0, top.FindIndex(r => r.Any(c => c.Length > 0)));
            }

            var header = top.Count == 0 ? [] : top[headerIndex];
            var twoRows = headerIndex + 1 < top.Count && IsSecondHeaderRow(header, top[headerIndex + 1], isHeader);
            if (twoRows)
            {
                header = Combine(header, top[headerIndex + 1], isHeader);
            }

            var headerRow = headerIndex + 1;
            CheckMerged(header, headerRow, twoRows, language);
            var skipped = top.Take(headerIndex)
                .Select((r, i) => (Row: i + 1, Text: string.Join(" ", r.Where(c => c.Length > 0).Distinct(StringComparer.Ordinal))))
                .Where(r => r.Text.Length > 0)
                .ToList();
            var firstData = headerIndex + (twoRows ? 2 : 1);
            var queue = new Queue<(int, string[])>(top.Skip(firstData).Select((r, i) => (firstData + i + 1, r)));
            return new XlsxSheetReader(file, rows, queue, [.. header.Select(h => h.Trim())], top.Count + 1)
            {
                SheetName = name,
                SheetNames = names,
                HeaderRow = headerRow,
                TwoRowHeader = twoRows,
                SkippedRows = skipped,
            };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public override ValueTask<bool> ReadAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (buffered.TryDequeue(out var row))
        {
            (line, current) = row;
            return ValueTask.FromResult(true);
        }

        if (!rows.MoveNext())
        {
            current = [];
            return ValueTask.FromResult(false);
        }

        line = next++;
        current = Cells(rows.Current);
        return ValueTask.FromResult(true);
    }

    public override string Text(int index) => index < current.Length ? current[index] : string.Empty;

    /// <summary>A cell's value as the import reads text: a date as yyyy-MM-dd (with the time when it has one), a number in invariant form.</summary>
    public static string CellText(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        DateTime date when date.TimeOfDay == TimeSpan.Zero => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double number when Math.Abs(number) < 1e15 => ((decimal)number).ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "TRUE" : "FALSE",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    protected override ValueTask DisposeAsyncCore()
    {
        rows.Dispose();
        return file.DisposeAsync();
    }

    private static string[] Cells(object row)
    {
        var cells = (IDictionary<string, object?>)row;
        var texts = new string[cells.Count];
        foreach (var (column, value) in cells)
        {
            var index = ColumnIndex(column);
            if (index >= 0 && index < texts.Length)
            {
                texts[index] = CellText(value);
            }
        }

        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] ??= string.Empty;
        }

        return texts;
    }

    /// <summary>
    /// A second header row: under a header cell that is merged across columns (or empty, its label being to the
    /// left), a cell that names a column by itself or with the label above it (用人单位 + 名称).
    /// </summary>
    private static bool IsSecondHeaderRow(string[] header, string[] below, Func<string, bool> isHeader)
    {
        for (var i = 0; i < below.Length; i++)
        {
            var lower = below[i].Trim();
            var upper = i < header.Length ? header[i].Trim() : string.Empty;
            if (lower.Length == 0 || lower == upper)
            {
                continue;
            }

            var underMerge = upper.Length == 0 || (i > 0 && header[i - 1].Trim() == upper) || (i + 1 < header.Length && header[i + 1].Trim() == upper);
            if (underMerge && (isHeader(lower) || isHeader(upper + lower)))
            {
                return true;
            }
        }

        return false;
    }

    private static string[] Combine(string[] header, string[] below, Func<string, bool> isHeader)
    {
        var combined = new string[Math.Max(header.Length, below.Length)];
        for (var i = 0; i < combined.Length; i++)
        {
            var upper = i < header.Length ? header[i].Trim() : string.Empty;
            var lower = i < below.Length ? below[i].Trim() : string.Empty;
            combined[i] = lower.Length == 0 || lower == upper ? upper
                : isHeader(lower) || upper.Length == 0 ? lower
                : isHeader(upper + lower) ? upper + lower
                : lower;
        }

        return combined;
    }

    /// <summary>Two neighbouring columns with the same header are a merged header cell (or a name typed twice): refused, naming the cells.</summary>
    private static void CheckMerged(string[] header, int row, bool twoRows, ToolLanguage language)
    {
        for (var i = 1; i < header.Length; i++)
        {
            var text = header[i].Trim();
            if (text.Length == 0 || text != header[i - 1].Trim())
            {
                continue;
            }

            var last = i;
            while (last + 1 < header.Length && header[last + 1].Trim() == text)
            {
                last++;
            }

            var range = $"{ColumnLetter(i - 1)}{row}:{ColumnLetter(last)}{row + (twoRows ? 1 : 0)}";
            throw new ImportException(language.Pick(
                $"表头第 {row} 行的 {range} 是合并单元格「{text}」（或几列写了同一个列名）：每一列都要有自己的列名。请在 Excel 中取消合并，给每一列写上列名（可接受的列名见 docs/importing.md），或者用「导入模板」（import template）。",
                $"The header's cells {range} (row {row}) are one merged cell '{text}' (or several columns with the same name): each column needs a header of its own. Unmerge them in Excel and name each column (docs/importing.md lists the accepted names), or start from the template (import template)."));
        }
    }
}
