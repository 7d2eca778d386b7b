using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.History;
using Monitor.Worker.Settings;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Evaluates targets: loads the facts, asks the engine, applies the alert policy to the stored state (alert and
/// state saved together), publishes a snapshot per target and scope, keeps the target's snapshots as the day's history
/// row of each scope, then relays the new alerts.
/// </summary>
public sealed partial class Evaluator(
    TargetCatalog targets,
    ScopeReader scopes,
    IAlertStore alerts,
    IHistoryStore history,
    IBus bus,
    AlertRelay relay,
    TimeProvider clock,
    IOptions<MonitorOptions> options,
    ILogger<Evaluator> logger)
{
    private const int SaveAttempts = 10;

    public async Task<IReadOnlyList<ScopeEvaluation>> EvaluateAsync(string? institutionId, string? targetId, CancellationToken cancellationToken)
    {
        var results = new List<ScopeEvaluation>();
        foreach (var target in targets.Select(institutionId, targetId))
        {
            await using (await alerts.LockTargetAsync(target.Id, cancellationToken))
            {
                results.AddRange(await EvaluateTargetAsync(target, cancellationToken));
            }
        }

        await relay.RelayNowAsync(cancellationToken);
        return results;
    }

    private async Task<IReadOnlyList<ScopeEvaluation>> EvaluateTargetAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var institution = scopes.InstitutionOf(target);
        var now = clock.GetUtcNow();
        var assessed = await scopes.AssessAsync(target, institution.LocalDate(now), cancellationToken);
        var whole = assessed[0];
        var unitScopes = assessed.Skip(1).ToList();

        var snapshots = new List<MetricSnapshot>(assessed.Count);
        var results = new List<ScopeEvaluation>
        {
            await ApplyAsync(target, institution, null, whole.ScopeName, whole.Assessment, whole.Measurement, whole.Lagging, now, snapshots, cancellationToken),
        };
        foreach (var scope in unitScopes)
        {
            results.Add(await ApplyAsync(target, institution, scope.UnitCode, scope.ScopeName, scope.Assessment, scope.Measurement, [], now, snapshots, cancellationToken));
        }

        await SaveHistoryAsync(target, institution.LocalDate(now), snapshots, cancellationToken);
        return results;
    }

    /// <summary>
    /// The day's history rows of the target, one write for all its scopes. A failed write is logged and does not fail
    /// the evaluation: the alert decisions are saved and the snapshots published by now, the row is a copy of those
    /// figures that the next evaluation (Monitor:EvaluateEvery) writes again, and a gap left by a bad day can be refilled
    /// by <c>history backfill</c> — while failing here would hold back the other targets' evaluations and alerts.
    /// </summary>
    private async Task SaveHistoryAsync(TargetDefinition target, DateOnly day, List<MetricSnapshot> snapshots, CancellationToken cancellationToken)
    {
        try
        {
            await history.SaveAsync([.. snapshots.Select(s => new HistoryEntry(day, s))], cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryNotSaved(logger, ex, target.Id, day);
        }
    }

    private async Task<ScopeEvaluation> ApplyAsync(
        TargetDefinition target,
        Institution institution,
        string? unitCode,
        string scopeName,
        Assessment assessment,
        Measurement measurement,
        IReadOnlyList<LaggingUnit> lagging,
        DateTimeOffset now,
        List<MetricSnapshot> snapshots,
        CancellationToken cancellationToken)
    {
        var scopeKey = ScopeKeys.For(institution.Id, unitCode);
        for (var attempt = 1; ; attempt++)
        {
            var state = await alerts.GetStateAsync(target.Id, scopeKey, cancellationToken);
            var decision = AlertPolicy.Decide(target.Id, scopeKey, state, assessment, target.Alerting, now);
            var alert = decision.Announce ? Alert(target, institution, unitCode, scopeName, assessment, decision, lagging, now) : null;
            if (await alerts.TrySaveAsync(decision.State, state?.Version ?? 0, alert, cancellationToken))
            {
                if (alert is not null)
                {
                    LogAlert(logger, alert.TargetId, scopeKey, alert.Previous, alert.Current, alert.IsReminder);
                }

                snapshots.Add(await PublishSnapshotAsync(target, institution.Id, unitCode, assessment, measurement, decision.State.Status, now, cancellationToken));
                return new ScopeEvaluation(target, institution.Id, unitCode, scopeName, assessment, decision.State.Status, measurement);
            }

            if (attempt == SaveAttempts)
            {
                throw new InvalidOperationException($"Alert state of {target.Id} in {scopeKey} kept changing under {SaveAttempts} attempts to save it.");
            }

            LogConcurrentSave(logger, target.Id, scopeKey);
            await BackOffAsync(attempt, cancellationToken);
        }
    }

    private TargetStatusChanged Alert(
        TargetDefinition target,
        Institution institution,
        string? unitCode,
        string scopeName,
        Assessment a,
        AlertDecision decision,
        IReadOnlyList<LaggingUnit> lagging,
        DateTimeOffset now)
    {
        var state = decision.State;
        var severity = AlertPolicy.Severity(state.Status, a);
        var summary = AlertText.Summary(target, scopeName, a, decision.Previous, state.Status, severity, decision.IsReminder, decision.IsFinalNotice, lagging, options.Value.Language);
        return new TargetStatusChanged(
            AlertIds.For(target.Id, state.ScopeKey, state.Transitions, state.Reminders),
            target.Id,
            target.Name,
            institution.Id,
            unitCode,
            decision.Previous,
            state.Status,
            severity,
            a.Actual,
            a.Numerator,
            a.Denominator,
            a.Threshold,
            a.ExpectedByNow,
            a.Forecast,
            a.RequiredPerWeek,
            a.DaysLeft,
            a.Deadline,
            lagging,
            summary,
            now,
            decision.IsReminder)
        {
            AsOf = a.AsOf,
            IsFinal = a.IsFinal,
            IsFinalNotice = decision.IsFinalNotice,
            ForecastLow = a.ForecastLow,
            ForecastHigh = a.ForecastHigh,
            CurrentActual = a.CurrentActual,
            CurrentNumerator = a.CurrentNumerator,
            CurrentDenominator = a.CurrentDenominator,
            SmallGroup = a.SmallGroup,
        };
    }

    private async Task<MetricSnapshot> PublishSnapshotAsync(
        TargetDefinition target,
        string institutionId,
        string? unitCode,
        Assessment a,
        Measurement m,
        TargetStatus status,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var snapshot = MetricSnapshots.For(target, institutionId, unitCode, a, m, status, now);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(snapshot, timeout.Token);
        return snapshot;
    }

    /// <summary>Replicas that keep colliding on the same states fall out of step: a few milliseconds, random, growing.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {TargetId} {ScopeKey}: {Previous} -> {Current} (reminder: {IsReminder})")]
    private static partial void LogAlert(ILogger logger, string targetId, string scopeKey, TargetStatus? previous, TargetStatus current, bool isReminder);

    [LoggerMessage(Level = LogLevel.Error, Message = "History of {TargetId} on {Day} not saved; the alerts and snapshots of this evaluation stand, and the next evaluation writes the day's rows again")]
    private static partial void LogHistoryNotSaved(ILogger logger, Exception exception, string targetId, DateOnly day);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert state of {TargetId} in {ScopeKey} was saved by another evaluation first; deciding again")]
    private static partial void LogConcurrentSave(ILogger logger, string targetId, string scopeKey);
}
