using System.Text;
using CsvHelper;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// Imports a CSV file in two streaming passes: <see cref="CheckAsync"/> maps and validates every row (keeping only
/// problems, line numbers and a 128-bit key and content hash per valid row for duplicate detection), and
/// <see cref="PublishAsync"/> reads the file again and sends the rows the check accepted. Neither pass holds the
/// file's rows in memory.
/// </summary>
public sealed class CsvImport<TMessage>(ImportSchema<TMessage> schema, ImportContext context)
    where TMessage : class
{
    /// <summary>Problems kept for the report; more are counted only.</summary>
    public const int MaxProblemsKept = 10_000;

    private const int BufferSize = 64 * 1024;

    /// <summary>Reads and validates every row; sends nothing.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="encoding">Its encoding (<see cref="CsvEncoding.Detect(string, string?)"/>).</param>
    /// <param name="progress">Given the bytes of the file read so far, now and then.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ImportCheck> CheckAsync(string path, CsvEncoding encoding, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var stamp = FileStamp.Of(path);
        await using var file = Open(path);
        using var reader = CsvReader.Create(file, Options(encoding), leaveOpen: true);
        var columns = await ReadColumnsAsync(reader, cancellationToken);
        var check = new ImportCheck(encoding, columns, stamp);
        var row = new ImportRow(columns, schema.Fields, context);
        var seen = new Dictionary<UInt128, (UInt128 Content, int Line)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (IsBlank(reader))
            {
                continue;
            }

            check.Rows++;
            row.Load(reader, checked((int)reader.LineNumber));
            var message = schema.Map(row);
            row.Validation(schema.Validate(message, context));
            if (!row.HasProblems)
            {
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
                    row.Problem(schema.IdField, $"'{Describe(message)}' is also on line {first.Line} with other content; the worker keeps one version per id, so correct one of the rows");
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
                progress?.Invoke(file.Position);
            }
        }

        progress?.Invoke(file.Position);
        return check;
    }

    /// <summary>Reads the file again and sends every row <paramref name="check"/> accepted (valid, not a duplicate), in file order.</summary>
    /// <returns>The number of rows sent and confirmed.</returns>
    public async Task<int> PublishAsync(string path, ImportCheck check, IImportSender sender, Action<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(sender);
        if (FileStamp.Of(path) != check.Stamp)
        {
            throw new ImportException($"{path} changed after it was checked; nothing was sent. Import it again.");
        }

        await using var file = Open(path);
        using var reader = CsvReader.Create(file, Options(check.Encoding), leaveOpen: true);
        var columns = await ReadColumnsAsync(reader, cancellationToken);
        var row = new ImportRow(columns, schema.Fields, context);
        var sent = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var line = checked((int)reader.LineNumber);
            if (IsBlank(reader) || check.RejectedLines.Contains(line) || check.DuplicateLines.Contains(line))
            {
                continue;
            }

            row.Load(reader, line);
            var message = schema.Map(row);
            if (row.HasProblems)
            {
                throw new ImportException($"{path} changed after it was checked (line {line} cannot be read now); {sent} row(s) were sent before this. Import it again: rows already sent are recognised by their ids.");
            }

            await sender.SendAsync(schema.Queue, message, cancellationToken);
            sent++;
            if ((sent & 0xFF) == 0)
            {
                progress?.Invoke(file.Position);
            }
        }

        await sender.FlushAsync(cancellationToken);
        progress?.Invoke(file.Position);
        return sent == check.ToPublish
            ? sent
            : throw new ImportException($"{path} changed after it was checked: {sent} row(s) were sent instead of {check.ToPublish}. Import it again: rows already sent are recognised by their ids.");
    }

    private static FileStream Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new ImportException($"Cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Stream input is UTF-8 unless a byte order mark says otherwise (CsvHelper honours it); GB18030 is transcoded.</summary>
    private static CsvReaderOptions Options(CsvEncoding encoding) => CsvReaderOptions.Default with
    {
        TrackLineNumbers = true,
        Encoding = encoding.Encoding is UTF8Encoding or UnicodeEncoding ? null : encoding.Encoding,
    };

    private static bool IsBlank(CsvReader reader)
    {
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (!reader.IsEmpty(i))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<ColumnMap> ReadColumnsAsync(CsvReader reader, CancellationToken cancellationToken)
    {
        await reader.ReadHeaderAsync(cancellationToken);
        schema.CheckHeaders(reader.Headers);
        var columns = ColumnMap.Resolve(reader.Headers, schema.Fields, field => schema.OptionFor(field, context));
        schema.CheckColumns(columns);
        return columns;
    }

    private string Describe(TMessage message) => schema.Key(message).Replace(ImportHash.Separator, ' ');
}
