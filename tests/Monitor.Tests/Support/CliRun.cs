using Monitor.Worker.Tools.Cli;
using Spectre.Console;

namespace Monitor.Tests.Support;

/// <summary>Runs the executable's command line in process, with its console captured (no colours, wide lines).</summary>
internal static class CliRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        var exitCode = await CliApp.RunAsync(args, console);
        return (exitCode, writer.ToString());
    }
}
