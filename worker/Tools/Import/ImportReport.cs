using System.Globalization;
using Monitor.Worker.Tools.Common;
using Spectre.Console;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// What an import prints, in the language of the settings: how the file is read and the columns used, the rejected
/// rows (a table on a terminal, one plain line each otherwise) and a summary. With <c>--json</c> it prints nothing
/// as it goes: the command writes one JSON document at the end (<see cref="ImportJson"/>).
/// </summary>
public sealed class ImportReport(IAnsiConsole console, ToolLanguage language, bool quiet)
{
    /// <summary>Rejected rows shown in the table on a terminal; redirected output lists every problem kept.</summary>
    public const int TableRows = 100;

    public ToolLanguage Language => language;

    public void Header(string noun, ImportFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Line(language.Pick($"导入{Markup.Escape(noun)}：", Markup.Escape($"Importing {noun}s from ")) + $"[bold]{Markup.Escape(file.Path)}[/]");
        Line(Markup.Escape(file.Describe(language)));
    }

    public void Check(ImportCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (check.Layout is { } layout)
        {
            Line(Markup.Escape(language.Pick(
                $"工作表：{layout.Name}（共 {layout.Names.Count} 个：{string.Join("、", layout.Names)}）；表头在第 {layout.HeaderRow}{(layout.TwoRowHeader ? $"–{layout.HeaderRow + 1}" : string.Empty)} 行",
                $"Sheet: {layout.Name} (of {layout.Names.Count}: {string.Join(", ", layout.Names)}); header on row {layout.HeaderRow}{(layout.TwoRowHeader ? $"–{layout.HeaderRow + 1}" : string.Empty)}")));
            foreach (var (row, text) in layout.Skipped)
            {
                Line("[yellow]" + Markup.Escape(language.Pick($"跳过表头上方的第 {row} 行：{text}", $"Skipped row {row} above the header: {text}")) + "[/]");
            }
        }

        Line(Markup.Escape(language.Pick("列：", "Columns: ") + string.Join(", ", check.Columns.Used.Select(c => $"{c.Header} → {c.Field}"))));
        if (check.Columns.Ignored.Count > 0)
        {
            Line(language.Pick("[yellow]忽略的列[/]", "[yellow]Ignored columns[/]") + Markup.Escape(language.Pick($"（不属于消息）：{string.Join(", ", check.Columns.Ignored)}", $" (not part of the message): {string.Join(", ", check.Columns.Ignored)}")));
        }

        if (check.Problems.Count > 0)
        {
            Problems(check);
        }

        if (check.Duplicates > 0)
        {
            var lines = check.DuplicateLines.Order().Take(10).ToList();
            var list = string.Join(", ", lines) + (check.Duplicates > lines.Count ? ", …" : string.Empty);
            Line(language.Pick(
                $"[yellow]{check.Duplicates} 行重复[/]，与前面某行完全相同（第 {list} 行）：各只发送一次。",
                $"[yellow]{check.Duplicates} duplicate row(s)[/] repeat an earlier row exactly (line {list}): each is sent once."));
        }
    }

    public void Note(string note) => Line(language.Pick("[yellow]注意：[/]", "[yellow]Note:[/] ") + Markup.Escape(note) + language.Pick("。", "."));

    /// <summary>The counts: rows read, valid, rejected, duplicates, and messages sent to the worker.</summary>
    /// <param name="check">The checking pass.</param>
    /// <param name="sent">The messages RabbitMQ confirmed; null when none was sent.</param>
    public void Summary(ImportCheck check, int? sent)
    {
        ArgumentNullException.ThrowIfNull(check);
        var colour = check.Rejected > 0 ? "red" : "default";
        Line(language.Pick(
            $"读取 {check.Rows} 行 · 有效 {check.Valid} · [{colour}]拒绝 {check.Rejected}[/] · 重复 {check.Duplicates} · 已发送给 worker {sent ?? 0}",
            $"Rows read: {check.Rows} · valid: {check.Valid} · [{colour}]rejected: {check.Rejected}[/] · duplicates: {check.Duplicates} · sent to the worker: {sent ?? 0}"));
    }

    /// <summary>After sending: the worker checks every message again against what it holds, and may refuse some.</summary>
    public void Refusals(string queue) => Line(Markup.Escape(language.Pick(
        $"已发送不等于已保存：worker 会用它已有的数据再次检查每条消息，拒绝冲突（例如毕业生已在另一个学院注册，或同一编号用于不同内容）。被拒绝的消息作为 EventRejected 发布（交换机 Monitor.Messages:EventRejected），原消息保留在 {queue}_error 中，worker 也会记录日志。",
        "Sent is not yet stored: the worker checks each message again against what it holds and refuses a conflict (for example a graduate already registered with another unit, or an id reused with other content). "
        + $"A refusal is published as EventRejected (exchange Monitor.Messages:EventRejected), the message is kept in {queue}_error, and the worker logs it.")));

    /// <summary>
    /// A line of markup: rendered on a terminal; written as plain text, unwrapped, when the output is redirected, so
    /// a log or a file gets one line per message. Nothing with <c>--json</c>.
    /// </summary>
    public void Line(string markup)
    {
        if (quiet)
        {
            return;
        }

        if (console.Profile.Out.IsTerminal)
        {
            console.MarkupLine(markup);
        }
        else
        {
            console.Profile.Out.Writer.WriteLine(Markup.Remove(markup));
        }
    }

    /// <summary>Where a problem is, as the report writes it: "第 7 行 C 列（走访层级）" in a workbook, "第 4 行「走访日期」列" in a CSV file.</summary>
    public static string Location(RowProblem problem, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(language);
        var line = problem.Line.ToString(CultureInfo.InvariantCulture);
        return problem.Letter is { } letter
            ? language.Pick($"第 {line} 行 {letter} 列（{problem.Column}）", $"row {line}, column {letter} ({problem.Column})")
            : language.Pick($"第 {line} 行「{problem.Column}」列", $"line {line}, column {problem.Column}");
    }

    private void Problems(ImportCheck check)
    {
        if (quiet)
        {
            return;
        }

        var notKept = check.ProblemsNotKept;
        if (console.Profile.Out.IsTerminal)
        {
            var table = new Table().Border(TableBorder.Rounded).Title(language.Pick($"被拒绝的行（{check.Rejected}）", $"Rejected rows ({check.Rejected})"));
            table.AddColumn(check.Layout is null ? language.Pick("行", "Line") : language.Pick("行", "Row"), c => c.RightAligned());
            table.AddColumn(language.Pick("列", "Column"));
            table.AddColumn(language.Pick("问题", "Problem"));
            foreach (var problem in check.Problems.Take(TableRows))
            {
                var column = problem.Letter is null ? problem.Column : $"{problem.Letter} {language.Pick($"（{problem.Column}）", $"({problem.Column})")}";
                table.AddRow(problem.Line.ToString(CultureInfo.InvariantCulture), Markup.Escape(column), Markup.Escape(problem.Reason));
            }

            console.Write(table);
            notKept += Math.Max(0, check.Problems.Count - TableRows);
        }
        else
        {
            var writer = console.Profile.Out.Writer;
            writer.WriteLine(language.Pick($"被拒绝的行（{check.Rejected}）：", $"Rejected rows ({check.Rejected}):"));
            foreach (var problem in check.Problems)
            {
                writer.WriteLine(language.Pick($"  {Location(problem, language)}：{problem.Reason}", $"  {Location(problem, language)}: {problem.Reason}"));
            }
        }

        if (notKept > 0)
        {
            Line(Markup.Escape(language.Pick(
                $"……另有 {notKept} 个问题未列出{(console.Profile.Out.IsTerminal ? "（把输出重定向到文件可列出更多）" : string.Empty)}。",
                $"… and {notKept} more problem(s) not shown{(console.Profile.Out.IsTerminal ? " (redirect the output to a file to list more)" : string.Empty)}.")));
        }
    }
}
