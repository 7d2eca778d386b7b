using System.Text;
using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// The text encoding of a CSV file: a byte order mark decides; otherwise a file that is valid UTF-8 throughout is
/// UTF-8, and anything else is taken as GB18030 (what Excel writes for "CSV" on a Chinese Windows). Forcing one
/// with <c>--encoding</c> skips the detection.
/// </summary>
public sealed record CsvEncoding(Encoding Encoding, string Description, string ChineseDescription)
{
    private const int ChunkSize = 64 * 1024;

    static CsvEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>GB18030, a superset of GBK and GB2312.</summary>
    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    /// <summary>The names <c>--encoding</c> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = ["utf-8", "gb18030"];

    /// <summary>The description in <paramref name="language"/>.</summary>
    public string Describe(ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.Pick(ChineseDescription, Description);
    }

    /// <summary>Reads the file once (in chunks: the whole file is never in memory) unless <paramref name="forced"/> names the encoding.</summary>
    public static CsvEncoding Detect(string path, string? forced = null, ToolLanguage? language = null)
    {
        if (forced is not null)
        {
            return forced.Trim().ToUpperInvariant() switch
            {
                "UTF-8" or "UTF8" => new CsvEncoding(new UTF8Encoding(false), "UTF-8 (forced by --encoding)", "UTF-8（由 --encoding 指定）"),
                "GB18030" or "GBK" or "GB2312" => new CsvEncoding(Gb18030, "GB18030 (forced by --encoding)", "GB18030（由 --encoding 指定）"),
                _ => throw new ImportException((language ?? ToolLanguage.English).Pick(
                    $"不支持 --encoding '{forced}'：请用 {string.Join(" 或 ", Names)}。",
                    $"--encoding '{forced}' is not supported: use {string.Join(" or ", Names)}.")),
            };
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, FileOptions.SequentialScan);
        return Detect(stream);
    }

    /// <summary>Detects the encoding of <paramref name="stream"/>, read from its current position to the end.</summary>
    public static CsvEncoding Detect(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[ChunkSize];
        var read = stream.ReadAtLeast(buffer, 4, throwOnEndOfStream: false);
        var head = buffer.AsSpan(0, read);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return new CsvEncoding(new UTF8Encoding(true), "UTF-8 (with byte order mark)", "UTF-8（带字节顺序标记）");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            var bigEndian = head[0] == 0xFE;
            return new CsvEncoding(new UnicodeEncoding(bigEndian, true), $"UTF-16 {(bigEndian ? "BE" : "LE")} (with byte order mark)", $"UTF-16 {(bigEndian ? "BE" : "LE")}（带字节顺序标记）");
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x84, 0x31, 0x95, 0x33]))
        {
            return new CsvEncoding(Gb18030, "GB18030 (with byte order mark)", "GB18030（带字节顺序标记）");
        }

        // Strict UTF-8 over the whole file, chunk by chunk; the decoder keeps a sequence split between chunks.
        var decoder = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var chars = new char[ChunkSize + 4];
        long offset = 0;
        var hasNonAscii = false;
        while (true)
        {
            try
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: read == 0);
            }
            catch (DecoderFallbackException ex)
            {
                var at = offset + Math.Max(ex.Index, 0);
                var value = ex.BytesUnknown is { Length: > 0 } bytes ? bytes[0] : 0;
                return new CsvEncoding(Gb18030, $"GB18030 (not UTF-8: byte {at} is 0x{value:X2})", $"GB18030（不是 UTF-8：第 {at} 字节是 0x{value:X2}）");
            }

            hasNonAscii |= buffer.AsSpan(0, read).ContainsAnyExceptInRange((byte)0, (byte)0x7F);
            if (read == 0)
            {
                return hasNonAscii
                    ? new CsvEncoding(new UTF8Encoding(false), "UTF-8 (no byte order mark; the file is valid UTF-8)", "UTF-8（无字节顺序标记；整个文件是合法的 UTF-8）")
                    : new CsvEncoding(new UTF8Encoding(false), "UTF-8 (the file is plain ASCII)", "UTF-8（文件只含 ASCII 字符）");
            }

            offset += read;
            read = stream.Read(buffer, 0, buffer.Length);
        }
    }
}
