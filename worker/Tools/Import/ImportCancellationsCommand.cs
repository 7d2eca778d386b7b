using System.ComponentModel;
using Monitor.Messages;
using Monitor.Worker.Tools.Common;
using Spectre.Console;

namespace Monitor.Worker.Tools.Import;

/// <summary><c>import cancellations FILE</c>: visits recorded in error (撤销走访记录) → EnterpriseVisitCancelled.</summary>
[Description("Import cancellations of visits recorded in error (撤销走访记录) from an Excel workbook or a CSV file.")]
public sealed class ImportCancellationsCommand(HostArguments arguments, IAnsiConsole console) : ImportCommand<EnterpriseVisitCancelled, ImportSettings>(arguments, console)
{
    protected override ImportSchema<EnterpriseVisitCancelled> Schema { get; } = new CancellationImportSchema();

    protected override string Kind => "cancellations";
}
