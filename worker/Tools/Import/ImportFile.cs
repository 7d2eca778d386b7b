using Monitor.Worker.Tools.Common;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// The file given to an import and how it is read: an Excel workbook (.xlsx, recognised by its content, whatever its
/// name) or a CSV file in its detected encoding. An old binary workbook (.xls) and a workbook given a CSV option are
/// refused with what to do instead.
/// </summary>
public sealed record ImportFile(string Path, CsvEncoding? Encoding, string? Sheet)
{
    /// <summary>Whether the file is an Excel workbook (read with <see cref="XlsxSheetReader"/>).</summary>
    public bool IsWorkbook => Encoding is null;

    /// <summary>Recognises the file and, for a CSV file, its encoding.</summary>
    /// <param name="path">The file.</param>
    /// <param name="encoding"><c>--encoding</c>: only for a CSV file.</param>
    /// <param name="sheet"><c>--sheet</c>: only for a workbook.</param>
    /// <param name="language">For the messages.</param>
    public static ImportFile Recognise(string path, string? encoding, string? sheet, ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        Span<byte> head = stackalloc byte[8];
        int read;
        using (var stream = OpenRead(path, 4096, language))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        var magic = head[..read];
        if (magic.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            throw new ImportException(language.Pick(
                $"{path} 是旧版 Excel 工作簿（.xls）或其他 Office 旧格式文件，无法直接读取：请在 Excel 中“另存为” Excel 工作簿（.xlsx）或 CSV UTF-8，再导入。",
                $"{path} is an old Excel workbook (.xls) or another old Office file, which cannot be read: save it in Excel as an Excel Workbook (.xlsx) or as CSV UTF-8 and import that."));
        }

        if (magic.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
        {
            return encoding is null
                ? new ImportFile(path, null, sheet)
                : throw new ImportException(language.Pick(
                    $"{path} 是 Excel 工作簿（.xlsx），不是 CSV 文件：--encoding 只用于 CSV 文件，去掉它即可直接读取工作簿。",
                    $"{path} is an Excel workbook (.xlsx), not a CSV file: --encoding applies to CSV files only; without it the workbook is read as it is."));
        }

        return sheet is null
            ? new ImportFile(path, CsvEncoding.Detect(path, encoding, language), null)
            : throw new ImportException(language.Pick(
                $"{path} 不是 Excel 工作簿：--sheet 只用于 .xlsx 文件。",
                $"{path} is not an Excel workbook: --sheet applies to .xlsx files only."));
    }

    /// <summary>How the file is read, for the report's second line.</summary>
    public string Describe(ToolLanguage language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Encoding is { } encoding
            ? language.Pick($"编码：{encoding.Describe(language)}", $"Encoding: {encoding.Describe(language)}")
            : language.Pick("Excel 工作簿（.xlsx）", "Excel workbook (.xlsx)");
    }

    internal static FileStream OpenRead(string path, int bufferSize, ToolLanguage language)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            throw new ImportException(language.Pick($"无法读取 {path}：{ex.Message}", $"Cannot read {path}: {ex.Message}"), ex);
        }
        catch (IOException ex)
        {
            // Excel holds an open workbook locked on Windows.
            throw new ImportException(language.Pick($"无法读取 {path}（文件是否正在 Excel 中打开？）：{ex.Message}", $"Cannot read {path} (is it open in Excel?): {ex.Message}"), ex);
        }
    }
}
