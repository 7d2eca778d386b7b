using Microsoft.Extensions.Options;
using Monitor.Worker.Settings;
using Monitor.Worker.Tools.Import;
using Spectre.Console;
using Spectre.Console.Cli;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Maintenance;
using Monitor.Worker.Tools.Replay;
using Monitor.Worker.Tools.Status;

namespace Monitor.Worker.Tools.Cli;

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
            config.AddBranch("import", import =>
            {
                import.SetDescription("Import visits, cancellations, a graduate roster, withdrawals or destinations from a CSV file exported from Excel, and send them to the worker over RabbitMQ.");
                import.AddCommand<ImportVisitsCommand>("visits")
                    .WithDescription("Import enterprise visits (访企拓岗走访记录) → EnterpriseVisitRecorded.")
                    .WithExample("import", "visits", "seeds/samples/visits.csv", "--Monitor:Transport=RabbitMq");
                import.AddCommand<ImportGraduatesCommand>("graduates")
                    .WithDescription("Import a graduate roster (毕业生名册) → GraduateRegistered.")
                    .WithExample("import", "graduates", "seeds/samples/graduates.csv", "--cohort", "2024", "--dry-run");
                import.AddCommand<ImportDestinationsCommand>("destinations")
                    .WithDescription("Import graduate destinations (毕业去向) → GraduateDestinationReported.")
                    .WithExample("import", "destinations", "seeds/samples/destinations.csv", "--skip-invalid");
                import.AddCommand<ImportCancellationsCommand>("cancellations")
                    .WithDescription("Import cancellations of visits recorded in error (撤销走访记录) → EnterpriseVisitCancelled.")
                    .WithExample("import", "cancellations", "seeds/samples/cancellations.csv", "--dry-run");
                import.AddCommand<ImportWithdrawalsCommand>("withdrawals")
                    .WithDescription("Import graduates withdrawn from a roster (e.g. 延期毕业) → GraduateWithdrawn.")
                    .WithExample("import", "withdrawals", "seeds/samples/withdrawals.csv", "--cohort", "2024", "--dry-run");
            });
            config.AddCommand<StatusCommand>("status")
                .WithDescription("Show every target's figures and status from PostgreSQL (read-only).")
                .WithExample("status", "--units", "--Monitor:Storage=Postgres")
                .WithExample("status", "--json", "--at", "2024-06-15", "--Monitor:Storage=Postgres");
            config.AddCommand<RedriveCommand>("redrive")
                .WithDescription("Move the messages of the inbound error queues back to their queues, to be read again (safe to repeat).")
                .WithExample("redrive", "--dry-run")
                .WithExample("redrive", "monitor-graduate-registered");
            config.AddCommand<PurgeCommand>("purge")
                .WithDescription("Delete a cohort's roster and destination reports (personal data) once its year is over.")
                .WithExample("purge", "--institution", "tjqg", "--cohort", "2023", "--yes");
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
            case CommandParseException or CommandRuntimeException:
                // The command line itself is wrong (an unknown option, a value that is not a year): input, not settings.
                console.MarkupLineInterpolated($"[red]{inner.Message}[/] (--help lists the options)");
                return ExitCodes.InputRejected;
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
