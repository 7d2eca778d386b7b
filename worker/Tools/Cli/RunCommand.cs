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
        var builder = CommandHost.CreateWebBuilder(arguments);
        builder.AddMonitor();
        builder.AddMonitorWeb();
        builder.AddMonitorDemo();
        await using var app = builder.Build();
        app.MapMonitorWeb();
        await ((IHost)app).RunAsync(cancellationToken);
        return ExitCodes.Ok;
    }
}
