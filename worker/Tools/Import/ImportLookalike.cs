using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// Recognises a file meant for another import from its header row, before any row is read: a visits file given to
/// <c>import cancellations</c> or a roster given to <c>import withdrawals</c> would otherwise cancel every visit or
/// withdraw every graduate it lists.
/// </summary>
public static class ImportLookalike
{
    /// <summary>The headers (as written) that name one of <paramref name="fields"/>.</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<string> headers, IEnumerable<ImportField> fields)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(fields);
        var keys = fields.SelectMany(f => f.Headers).Select(ImportText.HeaderKey).ToHashSet(StringComparer.Ordinal);
        return [.. headers.Select(h => h.Trim().Trim('\uFEFF')).Where(h => keys.Contains(ImportText.HeaderKey(h)))];
    }

    /// <summary>The headers (as written) that none of <paramref name="own"/> accepts.</summary>
    public static IReadOnlyList<string> Foreign(IReadOnlyList<string> headers, IEnumerable<ImportField> own)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var mine = Columns(headers, own).ToHashSet(StringComparer.Ordinal);
        return [.. headers.Select(h => h.Trim().Trim('\uFEFF')).Where(h => h.Length > 0 && !mine.Contains(h))];
    }

    /// <summary>Refuses the file when <paramref name="columns"/> is not empty: they show it is <paramref name="kind"/>.</summary>
    /// <param name="columns">The columns that mark the file as another kind.</param>
    /// <param name="noun">What this import reads: "withdrawal".</param>
    /// <param name="kind">What the file looks like: "a graduate roster".</param>
    /// <param name="command">The import that reads such a file: "import graduates".</param>
    /// <param name="expected">What a file of this import has instead.</param>
    /// <param name="language">The language of the message; <paramref name="noun"/>, <paramref name="kind"/> and <paramref name="expected"/> are in it.</param>
    public static void Refuse(IReadOnlyList<string> columns, string noun, string kind, string command, string expected, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(language);
        if (columns.Count > 0)
        {
            throw new ImportException(language.Pick(
                $"这看起来是{kind}，而不是{noun}文件：它有这些列：{string.Join("、", columns)}。没有读取或发送任何一行。如果它是{kind}，请用 `{command}`。{expected}",
                $"This looks like {kind}, not a file of {noun}s: it has the column(s) {string.Join(", ", columns)}. No row was read or sent. If it is {kind}, use `{command}`. {expected}"));
        }
    }
}
