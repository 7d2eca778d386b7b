namespace Monitor.Worker.Tools.Import;

/// <summary>Why a row is rejected: where it starts (a CSV file's physical line, the header being line 1; a workbook's row number), the column as the file names it, its letter in a workbook, and the reason.</summary>
public sealed record RowProblem(int Line, string Column, string Reason, string? Letter = null);
