namespace Monitor.Worker.Tools.Import;

/// <summary>
/// What the validation pass found: counts, the problems to report, and the lines the publishing pass skips. It holds
/// no row data: only line numbers of rejected and duplicate rows, and at most <see cref="SheetImport{TMessage}.MaxProblemsKept"/> problems.
/// </summary>
public sealed class ImportCheck
{
    internal ImportCheck(ImportFile file, ColumnMap columns, FileStamp stamp)
    {
        File = file;
        Columns = columns;
        Stamp = stamp;
    }

    /// <summary>The file and how it is read.</summary>
    public ImportFile File { get; }

    /// <summary>For a workbook: the sheet read, where its header is, and the rows above the header that were skipped; null for CSV.</summary>
    public SheetLayout? Layout { get; internal init; }

    public ColumnMap Columns { get; }

    /// <summary>Data rows read (completely empty rows are skipped and not counted).</summary>
    public int Rows { get; internal set; }

    /// <summary>Rows with at least one problem.</summary>
    public int Rejected { get; internal set; }

    /// <summary>Valid rows identical to an earlier row of the file (the same business id and content): sent once.</summary>
    public int Duplicates { get; internal set; }

    /// <summary>Rows that pass the validation, duplicates included.</summary>
    public int Valid => Rows - Rejected;

    /// <summary>The rows a publishing pass sends: valid and not duplicates.</summary>
    public int ToPublish => Valid - Duplicates;

    /// <summary>The problems, in file order, up to the limit kept.</summary>
    public IReadOnlyList<RowProblem> Problems => KeptProblems;

    /// <summary>Problems found beyond those kept in <see cref="Problems"/>.</summary>
    public int ProblemsNotKept { get; internal set; }

    internal List<RowProblem> KeptProblems { get; } = [];

    /// <summary>The institutions of the valid rows: the worker is asked to evaluate them after the import.</summary>
    public ISet<string> Institutions { get; } = new HashSet<string>(StringComparer.Ordinal);

    internal HashSet<int> RejectedLines { get; } = [];

    internal HashSet<int> DuplicateLines { get; } = [];

    internal FileStamp Stamp { get; }
}
