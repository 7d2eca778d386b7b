using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Evaluation;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Replay;
using Monitor.Worker.Tools.Status;
using Monitor.Worker.Visits;
using Spectre.Console;

namespace Monitor.Worker.Tools.Demo;

/// <summary>
/// The embedded default's first run: publishes the demo year's events (<c>Monitor:DemoEvents</c>) through the bus (the
/// same consumers and validation as production), waits until they are stored, draws the year's daily history (what the
/// dashboard's charts read), evaluates, and prints every target's status and the alerts Monitor would have raised.
/// </summary>
public sealed partial class DemoRunner(
    IBus bus,
    InstitutionCatalog institutions,
    IVisitStore visits,
    IPlacementStore placement,
    IAlertStore alerts,
    TargetCatalog targets,
    Evaluator evaluator,
    HistoryBackfill backfill,
    IHostApplicationLifetime lifetime,
    IOptions<MonitorOptions> options,
    ILogger<DemoRunner> logger) : BackgroundService
{
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromMinutes(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task;
        }

        var year = options.Value.DemoYear;
        var institution = institutions.All.First();
        var data = DemoEvents.Load(SeedFiles.Path(options.Value.DemoEvents), institutions);
        var (visitCount, graduateCount, reportCount) = (data.Count<EnterpriseVisitRecorded>(), data.Count<GraduateRegistered>(), data.Count<GraduateDestinationReported>());
        LogLoading(logger, year, institution.Name, visitCount, graduateCount, reportCount);

        foreach (var chunk in data.Events.Select(e => e.Message).Chunk(500))
        {
            await bus.PublishBatch(chunk, stoppingToken);
        }

        await WaitUntilStoredAsync(institution.Id, year, data, stoppingToken);
        foreach (var target in targets.All)
        {
            var drawn = await backfill.BackfillAsync(target, stoppingToken);
            LogBackfilled(logger, target.Id, drawn.First, drawn.Last, drawn.Rows);
        }

        var results = await evaluator.EvaluateAsync(null, null, stoppingToken);
        var language = options.Value.Language;
        AnsiConsole.WriteLine();
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(institution.Name)} — {year} 基线（按 2024 年工作报告的目标口径评估）[/]");
        AnsiConsole.Write(StatusBoard.Render(results, language));
        foreach (var target in targets.All)
        {
            foreach (var alert in await alerts.GetAlertsAsync(target.Id, stoppingToken))
            {
                if (alert.Severity != AlertSeverity.Info || alert.UnitCode is null)
                {
                    ConsoleLines.Write(AnsiConsole.Console, $"[{StatusBoard.Colour(alert.Current)}]•[/] {Markup.Escape(alert.Summary)}");
                }
            }
        }

        ConsoleLines.Write(AnsiConsole.Console, "[grey]The worker keeps running: it re-evaluates every 5 minutes and consumes new events. Ctrl+C stops it.[/]");
    }

    private async Task WaitUntilStoredAsync(string institutionId, int year, DemoEvents data, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LoadTimeout;
        var (expectedVisits, expectedGraduates, expectedReports, expectedWithdrawals) =
            (data.Count<EnterpriseVisitRecorded>(), data.Count<GraduateRegistered>(), data.Count<GraduateDestinationReported>(), data.Count<GraduateWithdrawn>());
        while (true)
        {
            var storedVisits = await visits.GetActiveVisitsAsync(institutionId, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), cancellationToken);
            var cohort = await placement.GetCohortAsync(institutionId, year, cancellationToken);
            if (storedVisits.Count >= expectedVisits && cohort.Graduates.Count >= expectedGraduates
                && cohort.Reports.Count >= expectedReports && cohort.WithdrawnGraduateIds.Count >= expectedWithdrawals)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo events were not all stored within {LoadTimeout}: {storedVisits.Count}/{expectedVisits} visits, {cohort.Graduates.Count}/{expectedGraduates} graduates, {cohort.Reports.Count}/{expectedReports} reports.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: history of {TargetId} drawn from {First} to {Last}: {Rows} daily rows")]
    private static partial void LogBackfilled(ILogger logger, string targetId, DateOnly first, DateOnly last, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: loading the {Year} baseline of {Institution}: {Visits} visits, {Graduates} graduates, {Reports} destination reports")]
    private static partial void LogLoading(ILogger logger, int year, string institution, int visits, int graduates, int reports);
}
