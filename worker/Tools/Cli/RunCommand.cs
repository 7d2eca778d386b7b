using System.ComponentModel;
using Monitor.Worker.Hosting;
using Spectre.Console.Cli;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Demo;

namespace Monitor.Worker.Tools.Cli;

/// <summary><c>run</c> (the default): the worker itself — consumers, evaluation and digest jobs, alert relay, and on the embedded default the demo.</summary>
[Description("Run the worker (the default command).")]
public sealed class RunCommand(HostArguments arguments) : AsyncCommand
{
    public override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var builder = CommandHost.CreateBuilder(arguments);
        builder.AddMonitor();
        builder.AddMonitorDemo();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
