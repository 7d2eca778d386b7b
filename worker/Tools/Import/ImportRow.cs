using Monitor.Worker.Institutions;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// The current CSV row, read field by field. A cell that cannot be read records a problem against its column and
/// yields a neutral value, so the row is still validated as a whole and every problem of the row is reported.
/// </summary>
public sealed class ImportRow
{
    public const string InstitutionField = "institutionId";
    public const string CohortField = "cohortYear";

    private readonly string?[] cells;
    private readonly int[] indexes;
    private readonly Dictionary<string, int> slots;
    private readonly List<(string Field, string Reason)> problems = [];
    private readonly HashSet<string> derived = new(StringComparer.Ordinal);

    private readonly bool letters;

    internal ImportRow(ColumnMap columns, IReadOnlyList<ImportField> fields, ImportContext context, bool letters)
    {
        Columns = columns;
        Context = context;
        this.letters = letters;
        slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var used = new List<int>();
        foreach (var field in fields)
        {
            if (columns.TryGetIndex(field.Name, out var index))
            {
                slots.Add(field.Name, used.Count);
                used.Add(index);
            }
        }

        indexes = [.. used];
        cells = new string?[indexes.Length];
    }

    public ColumnMap Columns { get; }

    public ImportContext Context { get; }

    private ToolLanguage Language => Context.Language;

    /// <summary>The physical line where the row starts (the header is line 1).</summary>
    public int Line { get; private set; }

    public bool HasProblems => problems.Count > 0;

    /// <summary>The row's problems in the order of the file's columns (fields without a column last).</summary>
    public IEnumerable<RowProblem> Problems => problems
        .OrderBy(p => Columns.TryGetIndex(p.Field, out var index) ? index : int.MaxValue)
        .Select(p => new RowProblem(Line, Columns.Label(p.Field, Language), p.Reason, Letter(p.Field)));

    /// <summary>A cell's trimmed text; null when it is empty or the file has no such column.</summary>
    public string? Text(string field) => slots.TryGetValue(field, out var slot) ? cells[slot] : null;

    /// <summary>The row's institution: its own cell, else the import's default.</summary>
    public string Institution() => Text(InstitutionField) ?? Context.Institution ?? string.Empty;

    /// <summary>A value from a word list (Chinese or English); null, with a problem, when the cell is empty or not in the list.</summary>
    public T? Word<T>(string field, IReadOnlyDictionary<string, T> words, string accepted)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(words);
        var text = Text(field);
        if (text is null)
        {
            Problem(field, Language.Pick($"必填：{accepted}", $"required: {accepted}"));
            return null;
        }

        if (words.TryGetValue(ImportText.WordKey(text), out var value))
        {
            return value;
        }

        Problem(field, Language.Pick($"「{text}」不是可接受的值：{accepted}", $"'{text}' is not one of: {accepted}"));
        return null;
    }

    /// <summary>A date; the default (which the validation reports as required) when empty.</summary>
    public DateOnly Date(string field)
    {
        var text = Text(field);
        if (text is null)
        {
            return default;
        }

        if (ImportText.TryDate(text, out var date))
        {
            return date;
        }

        Problem(field, !ImportText.LooksLikeExcelSerialDate(text)
            ? Language.Pick($"「{text}」不是日期（2024-03-12、2024/3/12 或 2024年3月12日）", $"'{text}' is not a date (2024-03-12, 2024/3/12 or 2024年3月12日)")
            : letters
                ? Language.Pick($"{text} 是数字而不是日期：请把该列单元格设置为日期格式（或写成 2024-03-12）", $"{text} is a number, not a date: format the column's cells as dates (or write 2024-03-12)")
                : Language.Pick($"「{text}」像是 Excel 的日期序列号：请在导出前把该列设置为日期格式（yyyy-MM-dd）", $"'{text}' looks like an Excel date serial number: format the column as a date (yyyy-MM-dd) before exporting"));
        return default;
    }

    /// <summary>A timestamp, read in <paramref name="zone"/> when it has no offset; null when empty.</summary>
    public DateTimeOffset? Timestamp(string field, TimeZoneInfo zone)
    {
        var text = Text(field);
        if (text is null)
        {
            return null;
        }

        if (ImportText.TryTimestamp(text, zone, out var timestamp))
        {
            return timestamp;
        }

        Problem(field, !ImportText.LooksLikeExcelSerialDate(text)
            ? Language.Pick($"「{text}」不是日期时间（2024-05-22 10:15、2024/5/22 10:15:00 或 2024-05-22T10:15:00+08:00）", $"'{text}' is not a date and time (2024-05-22 10:15, 2024/5/22 10:15:00 or 2024-05-22T10:15:00+08:00)")
            : letters
                ? Language.Pick($"{text} 是数字而不是日期时间：请把该列单元格设置为日期时间格式", $"{text} is a number, not a date and time: format the column's cells as dates and times")
                : Language.Pick($"「{text}」像是 Excel 的日期序列号：请在导出前把该列设置为日期时间格式（yyyy-MM-dd HH:mm）", $"'{text}' looks like an Excel date serial number: format the column as a date and time (yyyy-MM-dd HH:mm) before exporting"));
        return null;
    }

    /// <summary>A whole number; <paramref name="whenEmpty"/> for an empty cell.</summary>
    public int Number(string field, int whenEmpty)
    {
        var text = Text(field);
        if (text is null)
        {
            return whenEmpty;
        }

        if (ImportText.TryWholeNumber(text, out var number))
        {
            return number;
        }

        Problem(field, Language.Pick($"「{text}」不是整数", $"'{text}' is not a whole number"));
        return whenEmpty;
    }

    /// <summary>The row's cohort: its own cell, else the import's default; 0 (reported by the validation) when neither.</summary>
    public int Cohort()
    {
        var text = Text(CohortField);
        if (text is null)
        {
            return Context.Cohort ?? 0;
        }

        if (ImportText.TryCohort(text, out var year))
        {
            return year;
        }

        Problem(CohortField, Language.Pick($"「{text}」不是届别（2024、2024届）", $"'{text}' is not a cohort year (2024, 2024届)"));
        return 0;
    }

    /// <summary>A unit given by its code or its name (机械工程学院 → JX); null when empty; as written when neither, for the validation to report.</summary>
    public string? Unit(string field, string institutionId)
    {
        var text = Text(field);
        if (text is null || Context.Institutions.Find(institutionId) is not { } institution)
        {
            return text;
        }

        return Find(institution, text)?.Code ?? text;
    }

    public void Problem(string field, string reason) => problems.Add((field, reason));

    /// <summary>Marks a field as computed from other cells (a default), so the validation's errors about it are not reported twice.</summary>
    public void Derived(string field) => derived.Add(field);

    /// <summary>
    /// Adds the errors of the consumers' own validation ("field: reason"), except for fields that already have a
    /// problem of their own (a date that could not be read is not also "required") and fields computed from others.
    /// </summary>
    public void Validation(IEnumerable<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            var colon = error.IndexOf(": ", StringComparison.Ordinal);
            var field = colon > 0 ? error[..colon] : string.Empty;
            var reason = colon > 0 ? error[(colon + 2)..] : error;
            if (!derived.Contains(field) && !problems.Exists(p => p.Field == field))
            {
                problems.Add((field, Language.IsEnglish ? reason : ValidationWording.Chinese(reason)));
            }
        }
    }

    internal void Load(SheetReader reader)
    {
        Line = reader.Line;
        problems.Clear();
        derived.Clear();
        for (var i = 0; i < indexes.Length; i++)
        {
            cells[i] = ImportText.Cell(reader.Text(indexes[i]));
        }

        if (letters)
        {
            // A workbook has no unquoted commas: a value in a column without a header is a column the header
            // does not name (often under a merged header cell), and would be lost.
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if ((i >= Columns.Count || Columns.IsUnnamed(i)) && ImportText.Cell(reader.Text(i)) is { } value)
                {
                    var letter = SheetReader.ColumnLetter(i);
                    Problem(
                        $"cell {i + 1}",
                        Language.Pick(
                            $"{letter} 列有值「{value}」，但表头没有给这一列命名：给它写上列名（或删除这一列的内容）；表头若是合并单元格，请取消合并",
                            $"column {letter} holds '{value}' but the header names no column there: give it a header (or clear it); if the header cell is merged, unmerge it"));
                    break;
                }
            }

            return;
        }

        // A cell beyond the header is most often half of a number with an unquoted comma (1,200): its column was
        // read as 1, and every later cell shifted. Empty cells there (trailing commas) are harmless.
        for (var i = Columns.Count; i < reader.FieldCount; i++)
        {
            if (!reader.IsEmpty(i) && ImportText.Cell(reader.Text(i)) is not null)
            {
                Problem(
                    $"cell {i + 1}",
                    Language.Pick(
                        $"这一行有 {reader.FieldCount} 个单元格，表头只有 {Columns.Count} 个：是不是数字里有没加引号的逗号（如 1,200）？请给该单元格加上引号（\"1,200\"）或去掉数字中的逗号",
                        $"{reader.FieldCount} cells, the header has {Columns.Count}: an unquoted comma in a number such as 1,200? Quote the cell (\"1,200\") or write the number without the comma"));
                break;
            }
        }
    }

    /// <summary>The column letter of a field's cell, in a workbook; also for the "cell N" pseudo-fields of stray cells.</summary>
    private string? Letter(string field)
    {
        if (!letters)
        {
            return null;
        }

        if (Columns.TryGetIndex(field, out var index))
        {
            return SheetReader.ColumnLetter(index);
        }

        return field.StartsWith("cell ", StringComparison.Ordinal) && int.TryParse(field.AsSpan(5), System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? SheetReader.ColumnLetter(n - 1)
            : null;
    }

    private static Unit? Find(Institution institution, string text)
    {
        var key = ImportText.WordKey(text);
        return institution.Units.FirstOrDefault(u => string.Equals(u.Code, text, StringComparison.OrdinalIgnoreCase))
            ?? institution.Units.FirstOrDefault(u => ImportText.WordKey(u.Name) == key);
    }
}
