using System.ComponentModel;
using Monitor.Messages;
using Monitor.Worker.Tools.Common;
using Spectre.Console;

namespace Monitor.Worker.Tools.Import;

/// <summary><c>import destinations FILE</c>: graduate destinations (毕业去向) → GraduateDestinationReported.</summary>
[Description("Import graduate destinations (毕业去向) from an Excel workbook or a CSV file.")]
public sealed class ImportDestinationsCommand(HostArguments arguments, IAnsiConsole console) : ImportCommand<GraduateDestinationReported, CohortImportSettings>(arguments, console)
{
    protected override ImportSchema<GraduateDestinationReported> Schema { get; } = new DestinationImportSchema();

    protected override string Kind => "destinations";

    protected override int? Cohort(CohortImportSettings settings) => settings?.Cohort;
}
