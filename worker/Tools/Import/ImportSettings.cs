using System.ComponentModel;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Import;

/// <summary>The file and options every <c>import</c> command takes.</summary>
public class ImportSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The file: an Excel workbook (.xlsx) or a CSV file (UTF-8 or GB18030, as Excel saves it). 文件：Excel 工作簿（.xlsx）或 CSV。")]
    public string File { get; set; } = string.Empty;

    [CommandOption("--sheet <NAME>")]
    [Description("A workbook's sheet to read (default: the first). 要读取的工作表（默认第一个）。")]
    public string? Sheet { get; set; }

    [CommandOption("--encoding <ENCODING>")]
    [Description("A CSV file's encoding, utf-8 or gb18030, instead of detecting it. CSV 文件的编码。")]
    public string? Encoding { get; set; }

    [CommandOption("--json")]
    [Description("Print one JSON document when done (for scripts), nothing else. 结束时只输出一个 JSON 文档（供脚本使用）。")]
    public bool Json { get; set; }

    [CommandOption("--institution <ID>")]
    [Description("The institution of rows without an institution column; default: the only institution of the institutions file. 没有院校列的行所属的院校。")]
    public string? Institution { get; set; }

    [CommandOption("--skip-invalid")]
    [Description("Send the valid rows even if some are rejected (the exit code is still 1). 即使有行被拒绝也发送有效的行。")]
    public bool SkipInvalid { get; set; }

    [CommandOption("--dry-run")]
    [Description("Check every row and report; send nothing (no broker needed). 只检查、不发送。")]
    public bool DryRun { get; set; }
}
