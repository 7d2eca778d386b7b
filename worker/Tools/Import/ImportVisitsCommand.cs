using System.ComponentModel;
using Monitor.Messages;
using Monitor.Worker.Tools.Common;
using Spectre.Console;

namespace Monitor.Worker.Tools.Import;

/// <summary><c>import visits FILE</c>: enterprise visits (访企拓岗走访记录) → EnterpriseVisitRecorded.</summary>
[Description("Import enterprise visits (访企拓岗走访记录) from an Excel workbook or a CSV file.")]
public sealed class ImportVisitsCommand(HostArguments arguments, IAnsiConsole console) : ImportCommand<EnterpriseVisitRecorded, ImportSettings>(arguments, console)
{
    protected override ImportSchema<EnterpriseVisitRecorded> Schema { get; } = new VisitImportSchema();

    protected override string Kind => "visits";
}
