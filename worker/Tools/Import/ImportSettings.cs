using System.ComponentModel;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Import;

/// <summary>The file and options every <c>import</c> command takes.</summary>
public class ImportSettings : CommandSettings
{
    [CommandArgument(0, "<FILE>")]
    [Description("The CSV file: UTF-8 (with or without a byte order mark) or GB18030, as Excel saves it.")]
    public string File { get; set; } = string.Empty;

    [CommandOption("--encoding <ENCODING>")]
    [Description("utf-8 or gb18030: use this encoding instead of detecting it.")]
    public string? Encoding { get; set; }

    [CommandOption("--institution <ID>")]
    [Description("The institution of rows without an institution column; default: the only institution of the institutions file.")]
    public string? Institution { get; set; }

    [CommandOption("--skip-invalid")]
    [Description("Publish the valid rows even if some are rejected (the exit code is still 1).")]
    public bool SkipInvalid { get; set; }

    [CommandOption("--dry-run")]
    [Description("Check every row and report; publish nothing (no broker needed).")]
    public bool DryRun { get; set; }
}
