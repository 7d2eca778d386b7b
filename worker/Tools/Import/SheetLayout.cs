namespace Monitor.Worker.Tools.Import;

/// <summary>How a workbook's sheet was read: its name (and the workbook's sheets), the header's row, and the non-empty rows above it that were skipped.</summary>
public sealed record SheetLayout(string Name, IReadOnlyList<string> Names, int HeaderRow, bool TwoRowHeader, IReadOnlyList<(int Row, string Text)> Skipped);
