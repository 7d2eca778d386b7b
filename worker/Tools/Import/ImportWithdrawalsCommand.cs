using System.ComponentModel;
using Monitor.Messages;
using Monitor.Worker.Tools.Common;
using Spectre.Console;

namespace Monitor.Worker.Tools.Import;

/// <summary><c>import withdrawals FILE</c>: graduates leaving a cohort's roster → GraduateWithdrawn.</summary>
[Description("Import graduates withdrawn from a cohort's roster (e.g. 延期毕业) from an Excel workbook or a CSV file.")]
public sealed class ImportWithdrawalsCommand(HostArguments arguments, IAnsiConsole console) : ImportCommand<GraduateWithdrawn, CohortImportSettings>(arguments, console)
{
    protected override ImportSchema<GraduateWithdrawn> Schema { get; } = new WithdrawalImportSchema();

    protected override string Kind => "withdrawals";

    protected override int? Cohort(CohortImportSettings settings) => settings?.Cohort;
}
