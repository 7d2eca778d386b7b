namespace Monitor.Worker.Tools.Import;

/// <summary>
/// What <c>import --json</c> writes, one document on standard output when the import ends (camelCase; fields are
/// added, never renamed). <paramref name="Error"/> is set, and the counts are null, when the file could not be read at all.
/// </summary>
/// <param name="Kind">visits, graduates, destinations, cancellations or withdrawals.</param>
/// <param name="File">The file as given.</param>
/// <param name="Format"><c>xlsx</c> or <c>csv</c>; null when the file could not be read.</param>
/// <param name="Encoding">A CSV file's encoding, as detected.</param>
/// <param name="Sheet">A workbook's sheet read.</param>
/// <param name="HeaderRow">A workbook's header row.</param>
/// <param name="Rows">Data rows read.</param>
/// <param name="Valid">Rows that passed every check (duplicates included).</param>
/// <param name="Rejected">Rows with a problem.</param>
/// <param name="Duplicates">Rows identical to an earlier row.</param>
/// <param name="Sent">Messages RabbitMQ confirmed (0 for a dry run or when nothing was sent).</param>
/// <param name="DryRun">Whether <c>--dry-run</c> was given.</param>
/// <param name="EvaluationRequested">The institutions the worker was asked to evaluate after the import.</param>
/// <param name="Problems">The problems kept, in file order.</param>
/// <param name="ProblemsNotKept">Problems found beyond those listed.</param>
/// <param name="ExitCode">The command's exit code.</param>
/// <param name="Error">Why the import stopped, when it did.</param>
public sealed record ImportJson(
    string Kind,
    string File,
    string? Format,
    string? Encoding,
    string? Sheet,
    int? HeaderRow,
    int? Rows,
    int? Valid,
    int? Rejected,
    int? Duplicates,
    int Sent,
    bool DryRun,
    IReadOnlyList<string> EvaluationRequested,
    IReadOnlyList<ImportJsonProblem> Problems,
    int ProblemsNotKept,
    int ExitCode,
    string? Error);

/// <summary>A rejected row's problem in <see cref="ImportJson"/>: the row (line), the column as the file names it, its letter in a workbook, and the reason.</summary>
public sealed record ImportJsonProblem(int Line, string Column, string? Letter, string Reason);
