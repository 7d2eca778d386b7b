using Microsoft.Extensions.Options;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Monitor.Worker.Cli;

/// <summary>The executable's commands. <c>run</c> is the default, so <c>Monitor.Worker</c> with no command runs the worker.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole? console = null)
    {
        var arguments = HostArguments.Split(args);
        var registrar = new ServiceCollectionRegistrar();
        registrar.RegisterInstance(typeof(HostArguments), arguments);
        registrar.RegisterInstance(typeof(IAnsiConsole), console ?? AnsiConsole.Console);
        var app = new CommandApp<RunCommand>(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("Monitor.Worker");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            config.SetExceptionHandler((ex, _) => HandleException(ex, console ?? AnsiConsole.Console));
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run the worker: consume events, evaluate targets, publish alerts and digests (the default).");
            config.AddCommand<HealthCommand>("health")
                .WithDescription("Ask the worker running here whether it is ready (for container healthchecks): exit 0 when ready, 1 when not.");
            config.AddCommand<StatusCommand>("status")
                .WithDescription("Show every target's figures and status from PostgreSQL (read-only).")
                .WithExample("status", "--units", "--Monitor:Storage=Postgres")
                .WithExample("status", "--json", "--at", "2024-06-15", "--Monitor:Storage=Postgres");
            config.AddCommand<ReplayCommand>("replay")
                .WithDescription("Replay the demo year, or dated event files, on a simulated clock and print the alerts as they would have fired.")
                .WithExample("replay", "--quiet-reminders")
                .WithExample("replay", "--json", "--from", "2023-03-01", "--to", "2023-09-01");
            config.UseStrictParsing();
        });

        return await app.RunAsync(arguments.Command);
    }

    private static int HandleException(Exception ex, IAnsiConsole console)
    {
        var inner = ex is CommandRuntimeException or CommandParseException ? ex : Unwrap(ex);
        switch (inner)
        {
            case ConfigurationException or StartupException or OptionsValidationException:
                console.MarkupLineInterpolated($"[red]Monitor cannot start:[/] {inner.Message}");
                return ExitCodes.CannotStart;
            case CommandAppException:
                console.MarkupLineInterpolated($"[red]{inner.Message}[/]");
                return ExitCodes.CannotStart;
            default:
                console.WriteException(inner, ExceptionFormats.ShortenEverything);
                return ExitCodes.CannotStart;
        }
    }

    private static Exception Unwrap(Exception ex) => ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : ex;
}
