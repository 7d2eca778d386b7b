using System.ComponentModel;
using Monitor.Messages;
using Monitor.Worker.Tools.Common;
using Spectre.Console;

namespace Monitor.Worker.Tools.Import;

/// <summary><c>import graduates FILE</c>: a cohort's roster (毕业生名册) → GraduateRegistered.</summary>
[Description("Import a graduate roster (毕业生名册) from an Excel workbook or a CSV file.")]
public sealed class ImportGraduatesCommand(HostArguments arguments, IAnsiConsole console) : ImportCommand<GraduateRegistered, CohortImportSettings>(arguments, console)
{
    protected override ImportSchema<GraduateRegistered> Schema { get; } = new GraduateImportSchema();

    protected override string Kind => "graduates";

    protected override int? Cohort(CohortImportSettings settings) => settings?.Cohort;
}
