using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Import;

/// <summary>The options of the roster and destination imports: also the cohort of rows without a cohort column.</summary>
public sealed class CohortImportSettings : ImportSettings
{
    [CommandOption("--cohort <YEAR>")]
    [Description("The cohort (届) of rows without a cohort column, e.g. 2024.")]
    public int? Cohort { get; set; }

    public override ValidationResult Validate() =>
        Cohort is null or (>= 2000 and <= 2100) ? ValidationResult.Success() : ValidationResult.Error($"--cohort {Cohort} is not a cohort year between 2000 and 2100.");
}
