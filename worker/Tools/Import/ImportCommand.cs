using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Settings;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Spectre.Console;
using Spectre.Console.Cli;

using ConfigurationException = Monitor.Worker.Settings.ConfigurationException;

namespace Monitor.Worker.Tools.Import;

/// <summary>
/// <c>import visits|graduates|destinations|cancellations|withdrawals FILE.csv</c>: checks every row with the consumers' own validation, reports
/// the rejected ones by line and column, and — only if none is rejected, unless <c>--skip-invalid</c> — sends the rows
/// to the worker's queues on RabbitMQ with publisher confirms.
/// </summary>
public abstract class ImportCommand<TMessage, TSettings>(HostArguments arguments, IAnsiConsole console) : AsyncCommand<TSettings>
    where TMessage : class
    where TSettings : ImportSettings
{
    /// <summary>Files from this size on show a progress bar on an interactive console.</summary>
    public const long ProgressFromBytes = 1024 * 1024;

    protected abstract ImportSchema<TMessage> Schema { get; }

    protected virtual int? Cohort(TSettings settings) => null;

    public override async Task<int> ExecuteAsync(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return await ImportAsync(settings, cancellationToken);
        }
        catch (ImportException ex)
        {
            ImportReport.Line(console, "[red]Cannot import:[/] " + Markup.Escape(ex.Message));
            return ExitCodes.InputRejected;
        }
        catch (Exception ex) when (ex is ConfigurationException or StartupException)
        {
            ImportReport.Line(console, "[red]Cannot import:[/] " + Markup.Escape(ex.Message));
            return ExitCodes.CannotStart;
        }
    }

    private async Task<int> ImportAsync(TSettings settings, CancellationToken cancellationToken)
    {
        var builder = CommandHost.CreateBuilder(arguments);

        // A command-line tool: the bus's start and stop are not news, its warnings and errors are.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var options = builder.AddMonitorOptions();
        if (!settings.DryRun && options.Transport != TransportKind.RabbitMq)
        {
            throw new ConfigurationException(
                $"Monitor:Transport is {options.Transport}: an import runs in its own process and cannot reach a worker through the in-memory transport. "
                + "Set Monitor__Transport=RabbitMq (or --Monitor:Transport=RabbitMq) and the RabbitMqTransport settings of the worker; --dry-run checks the file without sending.");
        }

        var institutionsFile = SeedFiles.Path(options.InstitutionsFile);
        var institutions = InstitutionCatalog.Load(institutionsFile);
        var institution = settings.Institution;
        if (institution is not null && institutions.Find(institution) is null)
        {
            throw new ImportException($"--institution '{institution}' is not an institution of {institutionsFile} ({string.Join(", ", institutions.All.Select(i => i.Id))}).");
        }

        institution ??= institutions.All.Count == 1 ? institutions.All.First().Id : null;
        if (!File.Exists(settings.File))
        {
            throw new ImportException($"{Path.GetFullPath(settings.File)}: no such file.");
        }

        var encoding = CsvEncoding.Detect(settings.File, settings.Encoding);
        var import = new CsvImport<TMessage>(Schema, new ImportContext(institutions, institution, Cohort(settings), TimeProvider.System));
        ImportReport.Header(console, Schema.Noun, settings.File, encoding);
        var check = await WithProgressAsync("Checking", settings.File, progress => import.CheckAsync(settings.File, encoding, progress, cancellationToken));
        ImportReport.Check(console, check);
        if (Schema.DerivedIdNote(check.Columns) is { } note)
        {
            ImportReport.Line(console, "[yellow]Note:[/] " + Markup.Escape(note) + ".");
        }

        var outcome = check.Rejected > 0 ? ExitCodes.InputRejected : ExitCodes.Ok;
        var consequence = Schema.Consequence(check.ToPublish);
        if (settings.DryRun)
        {
            ImportReport.Summary(console, check, null);
            ImportReport.Line(console, "Dry run: nothing was sent." + (consequence is null ? string.Empty : Markup.Escape($" Sent, this file {consequence}.")));
            return outcome;
        }

        if (check.Rejected > 0 && !settings.SkipInvalid)
        {
            ImportReport.Summary(console, check, null);
            ImportReport.Line(
                console,
                $"[red]Nothing was sent:[/] {check.Rejected} row(s) rejected. Correct them and import the file again, or add --skip-invalid to send the {check.ToPublish} valid row(s) now.");
            return outcome;
        }

        var sent = check.ToPublish == 0 ? 0 : await PublishAsync(builder, import, settings.File, check, options.PublishTimeout, cancellationToken);
        ImportReport.Summary(console, check, sent);
        if (sent > 0)
        {
            if (consequence is not null)
            {
                ImportReport.Line(console, Markup.Escape($"This import {Schema.Consequence(sent)}."));
            }

            ImportReport.Refusals(console, Schema.Queue);
        }

        return outcome;
    }

    private async Task<int> PublishAsync(HostApplicationBuilder builder, CsvImport<TMessage> import, string path, ImportCheck check, TimeSpan timeout, CancellationToken cancellationToken)
    {
        builder.Services.AddOptions<RabbitMqTransportOptions>().BindConfiguration(MessagingExtensions.RabbitMqSection);
        builder.Services.AddMassTransit(x =>
        {
            x.DisableUsageTelemetry();
            x.UsingRabbitMq((context, cfg) => cfg.UseMonitorHost(context.GetRequiredService<IOptions<RabbitMqTransportOptions>>().Value));
        });

        // The host is never run: only its bus is started, to send; nothing is consumed.
        using var host = builder.Build();
        await new RabbitMqPreflight(host.Services.GetRequiredService<IOptions<RabbitMqTransportOptions>>()).StartAsync(cancellationToken);
        var bus = host.Services.GetRequiredService<IBusControl>();
        await bus.StartAsync(cancellationToken);
        using var sender = new RabbitMqImportSender(bus, timeout);
        try
        {
            return await WithProgressAsync("Publishing", path, progress => import.PublishAsync(path, check, sender, progress, cancellationToken));
        }
        catch (Exception ex) when (ex is ImportPublishException)
        {
            ImportReport.Summary(console, check, sender.Confirmed);
            throw new StartupException(
                $"{ex.Message}{Environment.NewLine}{sender.Confirmed} of {check.ToPublish} row(s) were sent to the worker (confirmed by RabbitMQ) before the import stopped. Importing the same file again is safe: every row keeps its id, and the worker stores each id once.",
                ex);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }
    }

    private async Task<T> WithProgressAsync<T>(string label, string path, Func<Action<long>?, Task<T>> run)
    {
        var length = new FileInfo(path).Length;
        if (!console.Profile.Capabilities.Interactive || length < ProgressFromBytes)
        {
            return await run(null);
        }

        return await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(label, maxValue: length);
                var result = await run(bytes => task.Value = bytes);
                task.Value = length;
                return result;
            });
    }
}
