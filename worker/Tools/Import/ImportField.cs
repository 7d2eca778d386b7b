namespace Monitor.Worker.Tools.Import;

/// <summary>
/// A field of a message contract and the CSV header names that give it (matched by <see cref="ImportText.HeaderKey"/>:
/// case, white space including full-width spaces, '_' and '-' do not matter).
/// </summary>
/// <param name="Name">The contract's JSON name (<c>visitedOn</c>), as the validation names it in its errors.</param>
/// <param name="Required">Whether a file without any of the <paramref name="Headers"/> is refused.</param>
/// <param name="Headers">The accepted header names, Chinese first (docs/importing.md lists them with the values a cell may hold).</param>
/// <param name="Kind">What a cell holds, so a workbook written by <c>import template</c> types it (a date cell, a number cell).</param>
public sealed record ImportField(string Name, bool Required, IReadOnlyList<string> Headers, ImportFieldKind Kind = ImportFieldKind.Text);

/// <summary>What a cell of a field holds.</summary>
public enum ImportFieldKind
{
    Text,
    Date,
    DateTime,
    WholeNumber,
}
