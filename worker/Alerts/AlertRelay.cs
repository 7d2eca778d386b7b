using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Worker.Settings;

namespace Monitor.Worker.Alerts;

/// <summary>
/// Publishes alerts from the outbox (the alerts table) and marks them: right after each evaluation and every
/// RelayEvery, so an alert saved just before a crash still goes out after the restart. The message id is the AlertId,
/// so a subscriber can drop the rare repeat of a publish that succeeded just before a crash.
/// </summary>
public sealed partial class AlertRelay(IAlertStore store, IBus bus, IOptions<MonitorOptions> options, ILogger<AlertRelay> logger) : BackgroundService
{
    private const int BatchSize = 100;

    public async Task<int> RelayNowAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int relayed;
        do
        {
            relayed = await store.RelayAsync(
                async (alert, ct) =>
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                    timeout.CancelAfter(options.Value.PublishTimeout);
                    await bus.Publish(alert, context => context.MessageId = alert.AlertId, timeout.Token);
                    LogPublished(logger, alert.AlertId, alert.TargetId, alert.UnitCode is null ? alert.InstitutionId : $"{alert.InstitutionId}/{alert.UnitCode}", alert.Previous, alert.Current, alert.Severity, alert.IsReminder);
                },
                BatchSize,
                cancellationToken);
            total += relayed;
        }
        while (relayed == BatchSize);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RelayEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RelayNowAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // A publish abandoned after PublishTimeout (the broker unreachable) is a failure like any other here,
                // not the worker stopping: the alerts stay in the outbox and the next tick tries again.
                LogRelayFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} published: {TargetId} in {Scope}, {Previous} -> {Current} ({Severity}, reminder: {IsReminder})")]
    private static partial void LogPublished(ILogger logger, Guid alertId, string targetId, string scope, Messages.TargetStatus? previous, Messages.TargetStatus current, Messages.AlertSeverity severity, bool isReminder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relaying alerts failed; the alerts stay in the outbox and are tried again")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);
}
