using System.ComponentModel;
using Monitor.Messages;
using Monitor.Worker.Cli;
using Spectre.Console;

namespace Monitor.Worker.Import;

/// <summary><c>import cancellations FILE.csv</c>: visits recorded in error (撤销走访记录) → EnterpriseVisitCancelled.</summary>
[Description("Import cancellations of visits recorded in error (撤销走访记录) from a CSV file.")]
public sealed class ImportCancellationsCommand(HostArguments arguments, IAnsiConsole console) : ImportCommand<EnterpriseVisitCancelled, ImportSettings>(arguments, console)
{
    protected override ImportSchema<EnterpriseVisitCancelled> Schema { get; } = new CancellationImportSchema();
}
