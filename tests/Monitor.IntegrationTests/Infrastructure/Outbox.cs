using Microsoft.Extensions.DependencyInjection;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Targets;

namespace Monitor.IntegrationTests.Infrastructure;

/// <summary>Writes alerts into the worker's outbox as its evaluation does: the alert and its scope's new state in one transaction.</summary>
public static class Outbox
{
    public static async Task SaveAsync(WorkerHost worker, TargetStatusChanged alert)
    {
        ArgumentNullException.ThrowIfNull(worker);
        ArgumentNullException.ThrowIfNull(alert);
        var store = worker.Services.GetRequiredService<IAlertStore>();
        var scopeKey = ScopeKeys.For(alert.InstitutionId, alert.UnitCode);
        var stored = await store.GetStateAsync(alert.TargetId, scopeKey, CancellationToken.None);
        var version = stored?.Version ?? 0;
        var state = new AlertState(
            alert.TargetId, scopeKey, alert.Current, alert.EvaluatedAt, (stored?.Transitions ?? 0) + 1, 0, alert.EvaluatedAt, null, null, alert.Actual, alert.EvaluatedAt, version + 1)
        {
            PreviousStatus = alert.Previous,
        };
        if (!await store.TrySaveAsync(state, version, alert, CancellationToken.None))
        {
            throw new InvalidOperationException($"The state of {alert.TargetId} in {scopeKey} changed while the test saved its alert.");
        }
    }

    /// <summary>
    /// An alert of 二级学院和职能部门领导走访用人单位 in a unit (or the institution, null) with its own figures, raised at
    /// <paramref name="at"/>; its id is unique to the test run.
    /// </summary>
    public static TargetStatusChanged UnitVisits(string? unitCode, TargetStatus? previous, TargetStatus current, AlertSeverity severity, decimal actual, decimal? expected, decimal threshold, DateTimeOffset at) => new(
        Guid.NewGuid(),
        "unit-visits-2024",
        "二级学院和职能部门领导走访用人单位",
        WorkerEnvironment.Institution,
        unitCode,
        previous,
        current,
        severity,
        actual,
        null,
        null,
        threshold,
        expected,
        null,
        null,
        92,
        new DateOnly(2024, 12, 31),
        [],
        $"【{Wording.ChineseSeverity(severity)}】{unitCode ?? "天津轻工职院"}「二级学院和职能部门领导走访用人单位」{Wording.ChineseStatus(current)}。",
        at,
        false);
}
