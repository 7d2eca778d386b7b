using Monitor.Messages;

namespace Monitor.Worker.Alerts;

/// <summary>How every alert store hands a batch of outbox alerts to the publisher.</summary>
internal static class OutboxPublishing
{
    /// <summary>
    /// Alerts of different scopes side by side, so the broker confirms them together (a first evaluation of a province
    /// raises thousands); the alerts of one target in one scope one after another, in the order they were raised.
    /// </summary>
    public static Task PublishAsync(IEnumerable<TargetStatusChanged> alerts, Func<TargetStatusChanged, CancellationToken, Task> publish, CancellationToken cancellationToken) =>
        Task.WhenAll(alerts
            .GroupBy(alert => (alert.TargetId, Scope: AlertSaveRules.OutboxScope(alert)))
            .Select(async scope =>
            {
                foreach (var alert in scope)
                {
                    await publish(alert, cancellationToken);
                }
            }));
}
