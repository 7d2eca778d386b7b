using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Tools.Common;
using Monitor.Worker.Tools.Status;
using Monitor.Worker.Settings;
using Monitor.Worker.Institutions;
using Monitor.Worker.Visits;
using Monitor.Worker.Placement;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;
using Monitor.Worker.Evaluation;
using Spectre.Console;

namespace Monitor.Worker.Tools.Demo;

/// <summary>
/// The embedded default's first run: publishes the baseline year's events through the bus (the same consumers and
/// validation as production), waits until they are stored, evaluates, and prints every target's status and the
/// alerts Monitor would have raised.
/// </summary>
public sealed partial class DemoRunner(
    IBus bus,
    InstitutionCatalog institutions,
    IVisitStore visits,
    IPlacementStore placement,
    IAlertStore alerts,
    TargetCatalog targets,
    Evaluator evaluator,
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
        var data = DemoData.Create(institution.Id, year);
        LogLoading(logger, year, institution.Name, data.Visits.Count, data.Graduates.Count, data.Reports.Count);

        await PublishAllAsync(data.Visits, stoppingToken);
        await PublishAllAsync(data.Graduates, stoppingToken);
        await PublishAllAsync(data.Withdrawals, stoppingToken);
        await PublishAllAsync(data.Reports, stoppingToken);
        await WaitUntilStoredAsync(institution.Id, year, data, stoppingToken);

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

    private async Task PublishAllAsync<T>(IReadOnlyList<T> messages, CancellationToken cancellationToken)
        where T : class
    {
        foreach (var chunk in messages.Chunk(500))
        {
            await bus.PublishBatch(chunk, cancellationToken);
        }
    }

    private async Task WaitUntilStoredAsync(string institutionId, int year, DemoDataSet data, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LoadTimeout;
        while (true)
        {
            var storedVisits = await visits.GetActiveVisitsAsync(institutionId, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), cancellationToken);
            var cohort = await placement.GetCohortAsync(institutionId, year, cancellationToken);
            if (storedVisits.Count >= data.Visits.Count && cohort.Graduates.Count >= data.Graduates.Count
                && cohort.Reports.Count >= data.Reports.Count && cohort.WithdrawnGraduateIds.Count >= data.Withdrawals.Count)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The demo events were not all stored within {LoadTimeout}: {storedVisits.Count}/{data.Visits.Count} visits, {cohort.Graduates.Count}/{data.Graduates.Count} graduates, {cohort.Reports.Count}/{data.Reports.Count} reports.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: loading the {Year} baseline of {Institution}: {Visits} visits, {Graduates} graduates, {Reports} destination reports")]
    private static partial void LogLoading(ILogger logger, int year, string institution, int visits, int graduates, int reports);
}
