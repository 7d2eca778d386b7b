namespace Monitor.Worker.Tools.Import;

/// <summary>Why a CSV row is rejected: its physical line (the header is line 1), the column as the file names it, and the reason.</summary>
public sealed record RowProblem(int Line, string Column, string Reason);
