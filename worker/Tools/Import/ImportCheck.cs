namespace Monitor.Worker.Tools.Import;

/// <summary>
/// What the validation pass found: counts, the problems to report, and the lines the publishing pass skips. It holds
/// no row data: only line numbers of rejected and duplicate rows, and at most <see cref="CsvImport{TMessage}.MaxProblemsKept"/> problems.
/// </summary>
public sealed class ImportCheck
{
    internal ImportCheck(CsvEncoding encoding, ColumnMap columns, FileStamp stamp)
    {
        Encoding = encoding;
        Columns = columns;
        Stamp = stamp;
    }

    public CsvEncoding Encoding { get; }

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

    internal HashSet<int> RejectedLines { get; } = [];

    internal HashSet<int> DuplicateLines { get; } = [];

    internal FileStamp Stamp { get; }
}
