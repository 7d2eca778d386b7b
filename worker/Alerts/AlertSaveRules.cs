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

    /// <summary>The same rules for a batch: at least one state, each scope once, every state of the alert's target.</summary>
    public static void EnsureSavable(IReadOnlyList<StateSave> saves, TargetStatusChanged? alert)
    {
        ArgumentNullException.ThrowIfNull(saves);
        if (saves.Count == 0)
        {
            throw new ArgumentException("At least one state must be saved.", nameof(saves));
        }

        if (saves.Select(s => (s.State.TargetId, s.State.ScopeKey)).Distinct().Count() != saves.Count)
        {
            throw new ArgumentException("Each target and scope may be saved once per batch.", nameof(saves));
        }

        foreach (var save in saves)
        {
            EnsureSavable(save.State, save.ExpectedVersion, alert);
        }
    }

    /// <summary>The outbox row's scope: the alert's own (the institution for a grouped alert).</summary>
    public static string OutboxScope(TargetStatusChanged alert) => ScopeKeys.For(alert.InstitutionId, alert.UnitCode);
}
