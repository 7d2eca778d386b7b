using System.Text;
using CsvHelper;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>A CSV file read with CsvHelper: RFC 4180 quoting, physical line numbers, the detected encoding.</summary>
public sealed class CsvSheetReader : SheetReader
{
    private const int BufferSize = 64 * 1024;

    private readonly FileStream file;
    private readonly CsvReader reader;

    private CsvSheetReader(FileStream file, CsvReader reader)
    {
        this.file = file;
        this.reader = reader;
    }

    public override IReadOnlyList<string> Headers => reader.Headers;

    public override int Line => checked((int)reader.LineNumber);

    public override int FieldCount => reader.FieldCount;

    public override bool HasColumnLetters => false;

    public override long Position => file.Position;

    public static async Task<CsvSheetReader> OpenAsync(string path, CsvEncoding encoding, ToolLanguage language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var file = ImportFile.OpenRead(path, BufferSize, language);
        try
        {
            // Stream input is UTF-8 unless a byte order mark says otherwise (CsvHelper honours it); GB18030 is transcoded.
            var options = CsvReaderOptions.Default with
            {
                TrackLineNumbers = true,
                Encoding = encoding.Encoding is UTF8Encoding or UnicodeEncoding ? null : encoding.Encoding,
            };
            var reader = CsvReader.Create(file, options, leaveOpen: true);
            await reader.ReadHeaderAsync(cancellationToken);
            return new CsvSheetReader(file, reader);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask<bool> ReadAsync(CancellationToken cancellationToken) => await reader.ReadAsync(cancellationToken);

    public override string Text(int index) => reader.GetString(index);

    protected override async ValueTask DisposeAsyncCore()
    {
        reader.Dispose();
        await file.DisposeAsync();
    }
}
