using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Tools.Import;

/// <summary>The options of the roster and destination imports: also the cohort of rows without a cohort column.</summary>
public sealed class CohortImportSettings : ImportSettings
{
    /// <summary>As typed: read by <see cref="Validate"/>, so "--cohort abc" is told what a cohort is rather than that a conversion failed.</summary>
    [CommandOption("--cohort <YEAR>")]
    [Description("The cohort (届) of rows without a cohort column, e.g. 2024. 没有届别列的行的届别。")]
    public string? CohortText { get; set; }

    /// <summary>The cohort year given, or null.</summary>
    public int? Cohort => CohortText is not null && ImportText.TryCohort(CohortText, out var year) ? year : null;

    public override ValidationResult Validate()
    {
        if (CohortText is null)
        {
            return ValidationResult.Success();
        }

        return Cohort is >= 2000 and <= 2100
            ? ValidationResult.Success()
            : ValidationResult.Error($"--cohort must be a year such as 2024 (2000–2100); '{CohortText}' is not.");
    }
}
