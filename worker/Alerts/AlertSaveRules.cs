using Monitor.Messages;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Alerts;

/// <summary>What every alert store checks before it saves, so the PostgreSQL and in-memory stores cannot drift apart.</summary>
internal static class AlertSaveRules
{
    /// <summary>
    /// The state to save carries the next version (<paramref name="expectedVersion"/> + 1), and its alert belongs to the
    /// same target, so the outbox row is found by <see cref="IAlertStore.GetAlertsAsync"/> of that target.
    /// </summary>
    public static void EnsureSavable(AlertState state, long expectedVersion, TargetStatusChanged? alert)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (state.Version != expectedVersion + 1)
        {
            throw new ArgumentException(
                $"The state to save must carry version {expectedVersion + 1} (the expected version {expectedVersion} + 1), not {state.Version}.",
                nameof(state));
        }

        if (alert is not null && !string.Equals(alert.TargetId, state.TargetId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The alert is for target '{alert.TargetId}' but the state is for '{state.TargetId}'.", nameof(alert));
        }
    }

    /// <summary>The outbox row's scope: the alert's own.</summary>
    public static string OutboxScope(TargetStatusChanged alert) => ScopeKeys.For(alert.InstitutionId, alert.UnitCode);
}
