namespace Monitor.Worker.Tools.Import;

/// <summary>
/// The rows of a spreadsheet as an import reads them, whatever the file: a CSV file (<see cref="CsvSheetReader"/>) or
/// an Excel workbook's sheet (<see cref="XlsxSheetReader"/>). The header is read on opening; each data row is then read
/// with <see cref="ReadAsync"/>, its cells as text (an Excel date as yyyy-MM-dd, a number as written in invariant form).
/// </summary>
public abstract class SheetReader : IAsyncDisposable
{
    /// <summary>The header row as read (for a two-row Excel header, the two rows combined per column).</summary>
    public abstract IReadOnlyList<string> Headers { get; }

    /// <summary>Where the current row starts: its physical line in a CSV file (the header is line 1), its row number in a workbook.</summary>
    public abstract int Line { get; }

    /// <summary>The cells of the current row.</summary>
    public abstract int FieldCount { get; }

    /// <summary>Whether problems name a column by its letter (a workbook) besides its header.</summary>
    public abstract bool HasColumnLetters { get; }

    /// <summary>How far into the file the reader is, in bytes (for a progress bar); 0 when it cannot tell.</summary>
    public abstract long Position { get; }

    /// <summary>Moves to the next data row; false at the end.</summary>
    public abstract ValueTask<bool> ReadAsync(CancellationToken cancellationToken);

    /// <summary>The text of cell <paramref name="index"/> of the current row; empty when there is none.</summary>
    public abstract string Text(int index);

    public bool IsEmpty(int index) => string.IsNullOrWhiteSpace(Text(index));

    public bool IsBlank()
    {
        for (var i = 0; i < FieldCount; i++)
        {
            if (!IsEmpty(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A column's letters as Excel shows them: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>The index of a column given by its letters (A → 0), or -1.</summary>
    public static int ColumnIndex(string letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var index = 0;
        foreach (var c in letters)
        {
            if (c is < 'A' or > 'Z')
            {
                return -1;
            }

            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore();
        GC.SuppressFinalize(this);
    }

    protected abstract ValueTask DisposeAsyncCore();
}
