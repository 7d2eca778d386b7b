using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>Which column of a CSV file gives which field of the message, resolved once from the header row.</summary>
public sealed class ColumnMap
{
    private readonly Dictionary<string, (int Index, string Header)> byField;
    private readonly IReadOnlyList<ImportField> fields;
    private readonly Func<string, string?> option;

    private readonly HashSet<int> unnamed;

    private ColumnMap(Dictionary<string, (int Index, string Header)> byField, IReadOnlyList<ImportField> fields, Func<string, string?> option, IReadOnlyList<string> ignored, int count, HashSet<int> unnamed)
    {
        this.unnamed = unnamed;
        Count = count;
        this.byField = byField;
        this.fields = fields;
        this.option = option;
        Ignored = ignored;
    }

    /// <summary>The cells of the header row, empty ones included: a data row with more non-empty cells is refused.</summary>
    public int Count { get; }

    /// <summary>The columns that give no field (ignored; empty header cells are not listed).</summary>
    public IReadOnlyList<string> Ignored { get; }

    /// <summary>Each used column's header as written in the file, and the field it gives, in file order.</summary>
    public IEnumerable<(string Header, string Field)> Used =>
        byField.OrderBy(c => c.Value.Index).Select(c => (c.Value.Header, c.Key));

    /// <summary>
    /// Matches the header row to the fields. A required field with no column (and no option giving it) and a field
    /// given by two columns are refused, all named in one message.
    /// </summary>
    /// <param name="headers">The header row as read.</param>
    /// <param name="fields">The message's fields and their accepted header names.</param>
    /// <param name="option">For a field an option can give for every row (institutionId, cohortYear): the option's name when it is set, else null.</param>
    /// <param name="language">For the messages.</param>
    public static ColumnMap Resolve(IReadOnlyList<string> headers, IReadOnlyList<ImportField> fields, Func<string, string?> option, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(option);
        var lookup = new Dictionary<string, ImportField>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            foreach (var header in field.Headers)
            {
                lookup.Add(ImportText.HeaderKey(header), field);
            }
        }

        var byField = new Dictionary<string, (int Index, string Header)>(StringComparer.Ordinal);
        var ignored = new List<string>();
        var problems = new List<string>();
        var unnamed = new HashSet<int>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i].Trim().Trim('\uFEFF');
            var key = ImportText.HeaderKey(header);
            if (key.Length == 0)
            {
                unnamed.Add(i);
                continue;
            }

            if (!lookup.TryGetValue(key, out var field))
            {
                ignored.Add(header);
            }
            else if (byField.TryGetValue(field.Name, out var first))
            {
                problems.Add(language.Pick($"「{first.Header}」和「{header}」两列都对应 {field.Name}：只保留其中一列", $"columns '{first.Header}' and '{header}' both give {field.Name}: keep one of them"));
            }
            else
            {
                byField.Add(field.Name, (i, header));
            }
        }

        var missing = fields.Where(f => f.Required && !byField.ContainsKey(f.Name) && option(f.Name) is null).ToList();
        if (headers.Count == 0)
        {
            throw new ImportException(language.Pick("文件是空的：没有表头行。", "The file is empty: it has no header row."));
        }

        if (missing.Count > 0)
        {
            problems.Insert(0, language.Pick(
                $"文件缺少这些字段的列：{string.Join(", ", missing.Select(f => f.Name))}。可接受的列名（不区分大小写，忽略空格、'_' 和 '-'）：",
                $"the file has no column for {string.Join(", ", missing.Select(f => f.Name))}. Accepted header names (case, spaces, '_' and '-' do not matter):")
                + string.Concat(missing.Select(f => $"{Environment.NewLine}    {f.Name}: {string.Join(", ", f.Headers)}{OptionHint(f.Name, language)}")));
        }

        return problems.Count > 0
            ? throw new ImportException(
                string.Join(Environment.NewLine + "  ", [language.Pick("表头行无法使用：", "The header row cannot be used:"), .. problems]) + Environment.NewLine
                + language.Pick($"  读到的表头行：{string.Join(", ", headers)}", $"  The header row read: {string.Join(", ", headers)}"))
            : new ColumnMap(byField, fields, option, ignored, headers.Count, unnamed);
    }

    public bool Has(string field) => byField.ContainsKey(field);

    /// <summary>Whether column <paramref name="index"/> of the header is empty.</summary>
    public bool IsUnnamed(int index) => unnamed.Contains(index);

    public bool TryGetIndex(string field, out int index)
    {
        var found = byField.TryGetValue(field, out var column);
        index = column.Index;
        return found;
    }

    /// <summary>How a problem names the field: its column as the file writes it, the option that gave it, or the column that is missing.</summary>
    public string Label(string field, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        if (byField.TryGetValue(field, out var column))
        {
            return column.Header;
        }

        if (option(field) is { } name)
        {
            return name;
        }

        var known = fields.FirstOrDefault(f => f.Name == field);
        if (known is not null)
        {
            return language.Pick($"{known.Headers[0]}（没有这一列）", $"{known.Headers[0]} (no such column)");
        }

        return field.StartsWith("cell ", StringComparison.Ordinal) && !language.IsEnglish ? $"第 {field[5..]} 个单元格" : field;
    }

    private static string OptionHint(string field, ToolLanguage language) => field switch
    {
        "institutionId" => language.Pick("（或用选项 --institution）", " (or the option --institution)"),
        "cohortYear" => language.Pick("（或用选项 --cohort）", " (or the option --cohort)"),
        _ => string.Empty,
    };
}
