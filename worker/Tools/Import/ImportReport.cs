using Spectre.Console;

namespace Monitor.Worker.Tools.Import;

/// <summary>What an import prints: the encoding and columns used, the rejected rows (a table on a terminal, plain lines otherwise) and a summary.</summary>
public static class ImportReport
{
    /// <summary>Rejected rows shown in the table on a terminal; redirected output lists every problem kept.</summary>
    public const int TableRows = 100;

    public static void Header(IAnsiConsole console, string noun, string path, CsvEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(encoding);
        Line(console, Markup.Escape($"Importing {noun}s from ") + $"[bold]{Markup.Escape(path)}[/]");
        Line(console, Markup.Escape($"Encoding: {encoding.Description}"));
    }

    public static void Check(IAnsiConsole console, ImportCheck check)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(check);
        Line(console, Markup.Escape($"Columns: {string.Join(", ", check.Columns.Used.Select(c => $"{c.Header} → {c.Field}"))}"));
        if (check.Columns.Ignored.Count > 0)
        {
            Line(console, "[yellow]Ignored columns[/] " + Markup.Escape($"(not part of the message): {string.Join(", ", check.Columns.Ignored)}"));
        }

        if (check.Problems.Count > 0)
        {
            Problems(console, check);
        }

        if (check.Duplicates > 0)
        {
            var lines = check.DuplicateLines.Order().Take(10).ToList();
            Line(console, $"[yellow]{check.Duplicates} duplicate row(s)[/] repeat an earlier row exactly (line {string.Join(", ", lines)}{(check.Duplicates > lines.Count ? ", …" : string.Empty)}): each is sent once.");
        }
    }

    /// <summary>The counts: rows read, valid, rejected, duplicates, and messages sent to the worker.</summary>
    /// <param name="console">Where to write.</param>
    /// <param name="check">The checking pass.</param>
    /// <param name="sent">The messages RabbitMQ confirmed; null when none was sent.</param>
    public static void Summary(IAnsiConsole console, ImportCheck check, int? sent)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(check);
        Line(console, $"Rows read: {check.Rows} · valid: {check.Valid} · [{(check.Rejected > 0 ? "red" : "default")}]rejected: {check.Rejected}[/] · duplicates: {check.Duplicates} · sent to the worker: {sent ?? 0}");
    }

    /// <summary>After sending: the worker checks every message again against what it holds, and may refuse some.</summary>
    public static void Refusals(IAnsiConsole console, string queue)
    {
        ArgumentNullException.ThrowIfNull(console);
        Line(console, Markup.Escape(
            "Sent is not yet stored: the worker checks each message again against what it holds and refuses a conflict (for example a graduate already registered with another unit, or an id reused with other content). "
            + $"A refusal is published as EventRejected (exchange Monitor.Messages:EventRejected), the message is kept in {queue}_error, and the worker logs it."));
    }

    /// <summary>
    /// A line of markup: rendered on a terminal; written as plain text, unwrapped, when the output is redirected, so
    /// a log or a file gets one line per message.
    /// </summary>
    public static void Line(IAnsiConsole console, string markup)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (console.Profile.Out.IsTerminal)
        {
            console.MarkupLine(markup);
        }
        else
        {
            console.Profile.Out.Writer.WriteLine(Markup.Remove(markup));
        }
    }

    private static void Problems(IAnsiConsole console, ImportCheck check)
    {
        var notKept = check.ProblemsNotKept;
        if (console.Profile.Out.IsTerminal)
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"Rejected rows ({check.Rejected})");
            table.AddColumn("Line", c => c.RightAligned());
            table.AddColumn("Column");
            table.AddColumn("Problem");
            foreach (var problem in check.Problems.Take(TableRows))
            {
                table.AddRow(problem.Line.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(problem.Column), Markup.Escape(problem.Reason));
            }

            console.Write(table);
            notKept += Math.Max(0, check.Problems.Count - TableRows);
        }
        else
        {
            var writer = console.Profile.Out.Writer;
            writer.WriteLine($"Rejected rows ({check.Rejected}):");
            foreach (var problem in check.Problems)
            {
                writer.WriteLine($"  line {problem.Line}, column {problem.Column}: {problem.Reason}");
            }
        }

        if (notKept > 0)
        {
            Line(console, Markup.Escape($"… and {notKept} more problem(s) not shown{(console.Profile.Out.IsTerminal ? " (redirect the output to a file to list more)" : string.Empty)}."));
        }
    }
}
