using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Delivery;
using Monitor.Worker.Settings;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;
using Spectre.Console;
using Spectre.Console.Cli;
using ValidationResult = Spectre.Console.ValidationResult;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Alerts;

namespace Monitor.Worker.Tools.Replay;

/// <summary>
/// <c>replay</c>: a year of events through the real pipeline (in-memory bus and store, the real consumers, evaluator,
/// alert policy and relay) on a simulated clock, printing each alert on the day it would have fired.
/// </summary>
[Description("Replay the demo year, or dated event files, through the real pipeline on a simulated clock and print the alerts.")]
public sealed class ReplayCommand(HostArguments arguments, IAnsiConsole console) : AsyncCommand<ReplayCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--year <YEAR>")]
        [Description("Move the targets to this year (default: the demo's, Monitor:DemoYear, 2023). With --events, the targets stay as configured unless this is given.")]
        public int? Year { get; init; }

        [CommandOption("--events <FILE>")]
        [Description("Replay this JSON Lines file of dated events instead of the demo (repeatable; a name ending in .gz is read through gzip).")]
        public string[]? Events { get; init; }

        [CommandOption("--from <DATE>")]
        [Description("First day evaluated, yyyy-MM-dd (default: the first period start or event). Earlier events are loaded before it.")]
        public string? From { get; init; }

        [CommandOption("--to <DATE>")]
        [Description("Last day evaluated, yyyy-MM-dd (default: the day after the last deadline, or the last event).")]
        public string? To { get; init; }

        [CommandOption("--evaluate-at <TIME>")]
        [Description("Local time of each day's evaluation, HH:mm (default 08:30, the digest's time).")]
        [DefaultValue("08:30")]
        public string EvaluateAt { get; init; } = "08:30";

        [CommandOption("--quiet-reminders")]
        [Description("Do not print reminders (alerts repeating a status that persists); the tally still counts them.")]
        public bool QuietReminders { get; init; }

        [CommandOption("--json")]
        [Description("Write one JSON object per alert and line to standard output; the tally goes to standard error.")]
        public bool Json { get; init; }

        public DateOnly? FromDate => ParseDate(From);

        public DateOnly? ToDate => ParseDate(To);

        public TimeOnly EvaluationTime => TimeOnly.ParseExact(EvaluateAt, "HH:mm", CultureInfo.InvariantCulture);

        public override ValidationResult Validate()
        {
            foreach (var (name, value) in new[] { ("--from", From), ("--to", To) })
            {
                if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                {
                    return ValidationResult.Error($"{name}: '{value}' is not a date in the form yyyy-MM-dd (e.g. 2023-03-01).");
                }
            }

            if (!TimeOnly.TryParseExact(EvaluateAt, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return ValidationResult.Error($"--evaluate-at: '{EvaluateAt}' is not a time in the form HH:mm (e.g. 08:30).");
            }

            if (FromDate > ToDate)
            {
                return ValidationResult.Error($"--from {From} is after --to {To}.");
            }

            if (Year is < 2000 or > 2100)
            {
                return ValidationResult.Error($"--year: {Year} is not a year from 2000 to 2100.");
            }

            return Events?.FirstOrDefault(f => !File.Exists(f)) is { } missing
                ? ValidationResult.Error($"--events: file '{missing}' does not exist.")
                : ValidationResult.Success();
        }

        private static DateOnly? ParseDate(string? value) =>
            value is null ? null : DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var files = settings.Events ?? [];
        var builder = CommandHost.CreateBuilder(arguments);

        // Always the embedded transport and store: the replay must not touch a real broker or database. With the demo
        // (or --year), the targets move to the replayed year as in the demo.
        var overrides = new Dictionary<string, string?>
        {
            ["Monitor:Transport"] = nameof(TransportKind.InMemory),
            ["Monitor:Storage"] = nameof(StorageKind.InMemory),
        };
        if (settings.Year is { } year)
        {
            overrides["Monitor:DemoYear"] = year.ToString(CultureInfo.InvariantCulture);
        }

        // Nor must it post to the office's group robots: the settings are kept without any webhook.
        var settingsWithoutWebhooks = builder.Configuration.AsEnumerable()
            .Where(kv => kv.Value is not null && !kv.Key.StartsWith(DeliveryOptions.WebhooksKey, StringComparison.OrdinalIgnoreCase))
            .ToList();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settingsWithoutWebhooks);
        builder.Configuration.AddInMemoryCollection(overrides);
        // The alerts are the output: the log (to standard error) keeps warnings only, and leaves the refusals to the tally.
        builder.Logging.AddFilter<ConsoleLoggerProvider>(null, LogLevel.Warning);
        builder.Logging.AddFilter<ConsoleLoggerProvider>("MassTransit", LogLevel.Critical);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var clock = new SimulatedClock(DateTimeOffset.UnixEpoch);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
        var options = builder.AddMonitorOptions();
        var institutions = builder.AddMonitorCatalogs(options);
        if (files.Length == 0 || settings.Year is not null)
        {
            DemoEvents.MoveTargetsTo(builder.Services, options.DemoYear);
        }

        builder.AddMonitorStorage(options);
        builder.AddMonitorMessaging(options);
        var observer = new ReplayBusObserver();
        builder.Services.AddConsumeObserver(_ => observer);
        builder.Services.AddPublishObserver(_ => observer);
        builder.Services.AddSingleton(observer);
        builder.Services.AddSingleton<Replayer>();

        var zone = institutions.All.First();
        var errors = new List<string>();
        IReadOnlyList<ReplayEvent> events;
        string description;
        if (files.Length == 0)
        {
            var data = DemoEvents.Load(SeedFiles.Path(options.DemoEvents), institutions);
            events = data.Events;
            description = string.Create(
                CultureInfo.InvariantCulture,
                $"the {options.DemoYear} demo of {zone.Name}: {data.Count<EnterpriseVisitRecorded>()} visits, {data.Count<GraduateRegistered>()} graduates, {data.Count<GraduateWithdrawn>()} withdrawals, {data.Count<GraduateDestinationReported>()} destination reports");
        }
        else
        {
            var loaded = new List<ReplayEvent>();
            foreach (var file in files)
            {
                loaded.AddRange(ReplayEvents.FromJsonLines(file, institutions, errors));
            }

            events = loaded;
            description = string.Create(CultureInfo.InvariantCulture, $"{loaded.Count} events from {string.Join(", ", files)}");
        }

        var error = settings.Json ? Console.Error : console.Profile.Out.Writer;
        if (errors.Count > 0)
        {
            error.WriteLine($"Nothing replayed: {errors.Count} line(s) cannot be read:");
            foreach (var line in errors)
            {
                error.WriteLine("  " + line);
            }

            return ExitCodes.InputRejected;
        }

        using var host = builder.Build();
        var services = host.Services;
        var targets = services.GetRequiredService<TargetCatalog>();
        var evaluateAt = settings.EvaluationTime;
        var from = settings.FromDate ?? Earliest(events, targets, zone, evaluateAt);
        var to = settings.ToDate ?? Latest(events, targets, zone, evaluateAt);
        var language = services.GetRequiredService<IOptions<MonitorOptions>>().Value.Language;
        if (!settings.Json)
        {
            ConsoleLines.Write(console, Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"Replaying {description}; {from:yyyy-MM-dd} to {to:yyyy-MM-dd}, evaluated daily at {settings.EvaluateAt} ({zone.TimeZone.Id}).")));
        }

        var bus = services.GetRequiredService<IBusControl>();
        var stopwatch = Stopwatch.StartNew();
        await bus.StartAsync(cancellationToken);
        ReplayResult result;
        try
        {
            result = await services.GetRequiredService<Replayer>().RunAsync(
                events,
                from,
                to,
                evaluateAt,
                zone,
                replayed => Print(replayed, settings, language),
                rejection =>
                {
                    if (settings.Json)
                    {
                        error.WriteLine($"rejected: {rejection}");
                    }
                    else
                    {
                        ConsoleLines.Write(console, $"[yellow]rejected[/] {Markup.Escape(rejection)}");
                    }
                },
                cancellationToken);
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
        }

        stopwatch.Stop();
        var tally = Tally(result, settings.QuietReminders, stopwatch.Elapsed) + Environment.NewLine + Scoreboard.Of(result.Alerts, targets, result.FinalStatuses).Summary();
        if (settings.Json)
        {
            error.WriteLine(tally);
        }
        else
        {
            ConsoleLines.Write(console, string.Empty);
            ConsoleLines.Write(console, Markup.Escape(tally));
        }

        return result.Rejections.Count > 0 ? ExitCodes.InputRejected : ExitCodes.Ok;
    }

    private void Print(ReplayedAlert replayed, Settings settings, string language)
    {
        var alert = replayed.Alert;
        if (settings.QuietReminders && alert.IsReminder)
        {
            return;
        }

        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(ReplayAlertRecord.From(replayed), CliJson.Compact));
            return;
        }

        var severity = Wording.SeverityName(alert.Severity, language);
        var colour = alert.Severity switch { AlertSeverity.Critical => "red", AlertSeverity.Warning => "yellow", _ => "green" };
        var date = replayed.On.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        ConsoleLines.Write(console, $"{date} [{colour}]{Markup.Escape(severity)}[/] {Markup.Escape(alert.Summary)}");
    }

    private static string Tally(ReplayResult result, bool quietReminders, TimeSpan elapsed)
    {
        var alerts = result.Alerts.Select(a => a.Alert).ToList();
        var reminders = alerts.Count(a => a.IsReminder);
        var bySeverity = string.Join(", ", Enum.GetValues<AlertSeverity>().Reverse().Select(s => $"{s} {alerts.Count(a => a.Severity == s)}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{alerts.Count} alerts ({bySeverity}): {alerts.Count - reminders} changes, {reminders} reminders{(quietReminders ? " (not printed)" : string.Empty)}. "
            + $"{result.Days} days, {result.Events} events replayed, {result.Rejections.Count} rejected, {result.AfterRange} after the last day not replayed; {elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>The first period start, or the first evaluation an event arrives by, whichever is earlier.</summary>
    private static DateOnly Earliest(IReadOnlyList<ReplayEvent> events, TargetCatalog targets, Institution zone, TimeOnly evaluateAt)
    {
        var start = targets.All.Min(t => t.PeriodStart);
        var dated = events.Where(e => e.ArrivesAt is not null).Select(e => EvaluationDay(e.ArrivesAt!.Value, zone, evaluateAt)).ToList();
        return dated.Count > 0 && dated.Min() < start ? dated.Min() : start;
    }

    /// <summary>The day after the last deadline (so the final verdicts show), or the evaluation the last event arrives by, whichever is later.</summary>
    private static DateOnly Latest(IReadOnlyList<ReplayEvent> events, TargetCatalog targets, Institution zone, TimeOnly evaluateAt)
    {
        var end = targets.All.Max(t => t.Deadline).AddDays(1);
        var dated = events.Where(e => e.ArrivesAt is not null).Select(e => EvaluationDay(e.ArrivesAt!.Value, zone, evaluateAt)).ToList();
        return dated.Count > 0 && dated.Max() > end ? dated.Max() : end;
    }

    /// <summary>The day whose evaluation first sees an event that arrives at <paramref name="arrival"/>.</summary>
    private static DateOnly EvaluationDay(DateTimeOffset arrival, Institution zone, TimeOnly evaluateAt)
    {
        var day = zone.LocalDate(arrival);
        return arrival <= ReplayEvents.At(day, evaluateAt, zone) ? day : day.AddDays(1);
    }
}
