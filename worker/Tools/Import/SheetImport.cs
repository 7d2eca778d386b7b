using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// Imports a spreadsheet (a CSV file or an Excel workbook's sheet) in two streaming passes: <see cref="CheckAsync"/>
/// maps and validates every row (keeping only problems, row numbers and a 128-bit key and content hash per valid row
/// for duplicate detection), and <see cref="PublishAsync"/> reads the file again and sends the rows the check
/// accepted. Neither pass holds the file's rows in memory.
/// </summary>
public sealed class SheetImport<TMessage>(ImportSchema<TMessage> schema, ImportContext context)
    where TMessage : class
{
    /// <summary>Problems kept for the report; more are counted only.</summary>
    public const int MaxProblemsKept = 10_000;

    private ToolLanguage Language => context.Language;

    /// <summary>Reads and validates every row; sends nothing.</summary>
    /// <param name="file">The file (<see cref="ImportFile.Recognise"/>).</param>
    /// <param name="progress">Given the bytes of the file read so far, now and then.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ImportCheck> CheckAsync(ImportFile file, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stamp = FileStamp.Of(file.Path);
        await using var reader = await OpenAsync(file, cancellationToken);
        var columns = ReadColumns(reader);
        var check = new ImportCheck(file, columns, stamp)
        {
            Layout = reader is XlsxSheetReader sheet ? new SheetLayout(sheet.SheetName, sheet.SheetNames, sheet.HeaderRow, sheet.TwoRowHeader, sheet.SkippedRows) : null,
        };
        var row = new ImportRow(columns, schema.Fields, context, reader.HasColumnLetters);
        var seen = new Dictionary<UInt128, (UInt128 Content, int Line)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsBlank())
            {
                continue;
            }

            check.Rows++;
            row.Load(reader);
            var message = schema.Map(row);
            row.Validation(schema.Validate(message, context));
            if (!row.HasProblems)
            {
                check.Institutions.Add(row.Institution());
                var key = ImportHash.Of(schema.Key(message));
                var content = ImportHash.Of(schema.Canonical(message));
                if (!seen.TryGetValue(key, out var first))
                {
                    seen.Add(key, (content, row.Line));
                }
                else if (first.Content == content)
                {
                    check.Duplicates++;
                    check.DuplicateLines.Add(row.Line);
                }
                else
                {
                    row.Problem(schema.IdField, Language.Pick(
                        $"「{Describe(message)}」也出现在第 {first.Line} 行，但内容不同；worker 对每个编号只保留一个版本，请更正其中一行",
                        $"'{Describe(message)}' is also on line {first.Line} with other content; the worker keeps one version per id, so correct one of the rows"));
                }
            }

            if (row.HasProblems)
            {
                check.Rejected++;
                check.RejectedLines.Add(row.Line);
                foreach (var problem in row.Problems)
                {
                    if (check.KeptProblems.Count < MaxProblemsKept)
                    {
                        check.KeptProblems.Add(problem);
                    }
                    else
                    {
                        check.ProblemsNotKept++;
                    }
                }
            }

            if ((check.Rows & 0xFF) == 0)
            {
                progress?.Invoke(reader.Position);
            }
        }

        progress?.Invoke(reader.Position);
        return check;
    }

    /// <summary>Reads the file again and sends every row <paramref name="check"/> accepted (valid, not a duplicate), in file order.</summary>
    /// <returns>The number of rows sent and confirmed.</returns>
    public async Task<int> PublishAsync(ImportCheck check, IImportSender sender, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(sender);
        var path = check.File.Path;
        if (FileStamp.Of(path) != check.Stamp)
        {
            throw new ImportException(Language.Pick($"{path} 在检查之后被修改了；没有发送任何内容。请重新导入。", $"{path} changed after it was checked; nothing was sent. Import it again."));
        }

        await using var reader = await OpenAsync(check.File, cancellationToken);
        var columns = ReadColumns(reader);
        var row = new ImportRow(columns, schema.Fields, context, reader.HasColumnLetters);
        var sent = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = reader.Line;
            if (reader.IsBlank() || check.RejectedLines.Contains(line) || check.DuplicateLines.Contains(line))
            {
                continue;
            }

            row.Load(reader);
            var message = schema.Map(row);
            if (row.HasProblems)
            {
                throw new ImportException(Language.Pick(
                    $"{path} 在检查之后被修改了（第 {line} 行现在无法读取）；此前已发送 {sent} 行。请重新导入：已发送的行会按编号识别。",
                    $"{path} changed after it was checked (line {line} cannot be read now); {sent} row(s) were sent before this. Import it again: rows already sent are recognised by their ids."));
            }

            await sender.SendAsync(schema.Queue, message, cancellationToken);
            sent++;
            if ((sent & 0xFF) == 0)
            {
                progress?.Invoke(reader.Position);
            }
        }

        await sender.FlushAsync(cancellationToken);
        progress?.Invoke(reader.Position);
        return sent == check.ToPublish
            ? sent
            : throw new ImportException(Language.Pick(
                $"{path} 在检查之后被修改了：发送了 {sent} 行而不是 {check.ToPublish} 行。请重新导入：已发送的行会按编号识别。",
                $"{path} changed after it was checked: {sent} row(s) were sent instead of {check.ToPublish}. Import it again: rows already sent are recognised by their ids."));
    }

    private async Task<SheetReader> OpenAsync(ImportFile file, CancellationToken cancellationToken) =>
        file.Encoding is { } encoding
            ? await CsvSheetReader.OpenAsync(file.Path, encoding, Language, cancellationToken)
            : XlsxSheetReader.Open(file.Path, file.Sheet, IsHeader, Language);

    private bool IsHeader(string cell)
    {
        var key = ImportText.HeaderKey(cell);
        return key.Length > 0 && schema.Fields.Any(f => f.Headers.Any(h => ImportText.HeaderKey(h) == key));
    }

    private ColumnMap ReadColumns(SheetReader reader)
    {
        schema.CheckHeaders(reader.Headers, Language);
        var columns = ColumnMap.Resolve(reader.Headers, schema.Fields, field => schema.OptionFor(field, context), Language);
        schema.CheckColumns(columns, Language);
        return columns;
    }

    private string Describe(TMessage message) => schema.Key(message).Replace(ImportHash.Separator, ' ');
}
