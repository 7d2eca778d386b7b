using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Settings;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Evaluates targets: loads the facts, asks the engine, applies the alert policy to the stored state (alert and
/// state saved together), publishes a snapshot per target and scope, then relays the new alerts.
/// </summary>
public sealed partial class Evaluator(
    TargetCatalog targets,
    ScopeReader scopes,
    IAlertStore alerts,
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
        var unitAssessments = unitScopes.Select(s => (Unit: institution.FindUnit(s.UnitCode)!, s.Assessment)).ToList();
        IReadOnlyDictionary<string, Measurement> measurements = unitScopes.ToDictionary(s => s.UnitCode!, s => s.Measurement, StringComparer.Ordinal);

        var (institutionResult, institutionAlert) =
            await ApplyAsync(target, institution, null, whole.ScopeName, whole.Assessment, whole.Measurement, whole.Lagging, now, cancellationToken);
        var results = new List<ScopeEvaluation> { institutionResult };
        var grouped = await ApplyGroupedAsync(target, institution, whole.Assessment, institutionAlert, unitAssessments, measurements, now, cancellationToken);
        results.AddRange(grouped);
        foreach (var scope in unitScopes.Where(s => !grouped.Any(g => g.UnitCode == s.UnitCode)))
        {
            var (unitResult, _) = await ApplyAsync(target, institution, scope.UnitCode, scope.ScopeName, scope.Assessment, scope.Measurement, [], now, cancellationToken);
            results.Add(unitResult);
        }

        return results;
    }

    /// <summary>
    /// Units that would each announce a bad status (a change for the worse or a reminder) in this evaluation, with
    /// grouping on (<see cref="AlertSettings.GroupUnitsAtLeast"/> above 0):
    /// <list type="bullet">
    /// <item>when the institution's own alert for the target went out in this same evaluation, names every one of them
    /// as a lagging unit and is at least as severe as each of theirs, their states are saved without an alert of their
    /// own (folded into it);</item>
    /// <item>otherwise, when there are at least <see cref="AlertSettings.GroupUnitsAtLeast"/> of them, one alert for the
    /// institution names them all.</item>
    /// </list>
    /// States and the alert are saved in one transaction. Returns the units so handled (none when each unit is left to
    /// announce on its own).
    /// </summary>
    private async Task<IReadOnlyList<ScopeEvaluation>> ApplyGroupedAsync(
        TargetDefinition target,
        Institution institution,
        Assessment whole,
        TargetStatusChanged? institutionAlert,
        List<(Unit Unit, Assessment Assessment)> units,
        IReadOnlyDictionary<string, Measurement> measurements,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var groupAtLeast = target.Alerting.GroupUnitsAtLeast;
        if (groupAtLeast < 1 || units.Count == 0 || (institutionAlert is null && (groupAtLeast < 2 || units.Count < groupAtLeast)))
        {
            return [];
        }

        var handled = new List<ScopeEvaluation>();
        for (var attempt = 1; ; attempt++)
        {
            var read = new List<(Unit Unit, Assessment Assessment, string ScopeKey, AlertState? Before)>();
            foreach (var (unit, assessment) in units.Where(u => !handled.Any(h => h.UnitCode == u.Unit.Code)))
            {
                var scopeKey = ScopeKeys.For(institution.Id, unit.Code);
                read.Add((unit, assessment, scopeKey, await alerts.GetStateAsync(target.Id, scopeKey, cancellationToken)));
            }

            // When a reminder of this target goes out now anyway, reminders half due go with it (see AlertPolicy.Decide),
            // so the target's reminders fall on one day a week. Changes do not pull reminders forward.
            var remindEarly = institutionAlert is { IsReminder: true }
                || read.Any(r => AlertPolicy.Decide(target.Id, r.ScopeKey, r.Before, r.Assessment, target.Alerting, now).IsReminder);
            var bad = new List<UnitDecision>();
            var good = new List<UnitDecision>();
            foreach (var (unit, assessment, scopeKey, state) in read)
            {
                var decision = AlertPolicy.Decide(target.Id, scopeKey, state, assessment, target.Alerting, now, remindEarly);
                if (!decision.Announce)
                {
                    continue;
                }

                // Good news: a move to a status that is not bad, or a step up between pace statuses (OffTrack → AtRisk).
                // Everything else is bad news: a change for the worse, a first look at a bad status, a reminder, and a
                // move into NoData (the feed stopped) or Missed.
                (AlertPolicy.IsImprovement(decision) ? good : bad).Add(new UnitDecision(unit, assessment, state, decision));
            }

            // Folded into the institution's alert: the units it names among its lagging units, none more severe than it.
            // The others (say a unit the recovery margin holds at AtRisk while its value is back on the line, which the
            // lagging list does not name) are grouped or go out on their own.
            var folded = institutionAlert is null ? [] : bad.Where(b =>
                institutionAlert.LaggingUnits.Any(u => u.UnitCode == b.Unit.Code)
                && AlertPolicy.Severity(b.Decision.State.Status, b.Assessment.SmallGroup) <= institutionAlert.Severity).ToList();
            bad = [.. bad.Except(folded)];
            var batches = new List<(List<UnitDecision> Units, TargetStatusChanged? Alert)>();
            if (folded.Count > 0)
            {
                batches.Add((folded, null));
            }

            if (groupAtLeast >= 2 && bad.Count >= groupAtLeast)
            {
                batches.Add((bad, GroupAlert(target, institution, whole, bad, improving: false, now)));
            }

            if (groupAtLeast >= 2 && good.Count >= groupAtLeast)
            {
                batches.Add((good, GroupAlert(target, institution, whole, good, improving: true, now)));
            }

            var saved = true;
            foreach (var (batch, alert) in batches)
            {
                if (!await alerts.TrySaveAllAsync([.. batch.Select(b => new StateSave(b.Decision.State, b.Before?.Version ?? 0))], alert, cancellationToken))
                {
                    saved = false;
                    break;
                }

                if (alert is null)
                {
                    LogFolded(logger, target.Id, institution.Id, batch.Count);
                }
                else
                {
                    LogGroupedAlert(logger, target.Id, institution.Id, batch.Count, alert.Current, alert.IsReminder);
                }

                foreach (var b in batch)
                {
                    await PublishSnapshotAsync(target, institution.Id, b.Unit.Code, b.Assessment, measurements[b.Unit.Code], b.Decision.State.Status, now, cancellationToken);
                    handled.Add(new ScopeEvaluation(target, institution.Id, b.Unit.Code, b.Unit.Name, b.Assessment, b.Decision.State.Status, measurements[b.Unit.Code]));
                }
            }

            if (saved)
            {
                return handled;
            }

            if (attempt == SaveAttempts)
            {
                throw new InvalidOperationException($"Alert states of {target.Id} in {institution.Id}'s units kept changing under {SaveAttempts} attempts to save them.");
            }

            LogConcurrentSave(logger, target.Id, institution.Id);
            await BackOffAsync(attempt, cancellationToken);
        }
    }

    private TargetStatusChanged GroupAlert(
        TargetDefinition target,
        Institution institution,
        Assessment whole,
        List<UnitDecision> units,
        bool improving,
        DateTimeOffset now)
    {
        var ordered = units
            .OrderByDescending(u => AlertPolicy.Rank(u.Decision.State.Status))
            .ThenBy(u => ScopeReader.Progress(u.Assessment))
            .ThenBy(u => u.Unit.Code, StringComparer.Ordinal)
            .ToList();
        var current = ordered[0].Decision.State.Status;
        // "由「X」转差" only when every unit changed, and from the same status; reminders and mixed changes say what they share.
        var previous = units.All(u => !u.Decision.IsReminder) && units.Select(u => u.Decision.Previous).Distinct().ToList() is [var only] ? only : null;
        var severity = units.Max(u => AlertPolicy.Severity(u.Decision.State.Status, u.Assessment.SmallGroup));
        var reminder = units.All(u => u.Decision.IsReminder);
        var named = ordered.Select(u => new LaggingUnit(u.Unit.Code, u.Unit.Name, u.Assessment.Actual, u.Assessment.ExpectedByNow, u.Decision.State.Status)).ToList();
        var scopeKey = ScopeKeys.For(institution.Id, null);
        var summary = AlertText.GroupSummary(target, institution.ShortName, whole, named, previous, severity, reminder, improving, options.Value.Language);
        return new TargetStatusChanged(
            AlertIds.ForGroup(target.Id, scopeKey, units.Select(u => (u.Decision.State.ScopeKey, u.Decision.State.Transitions, u.Decision.State.Reminders))),
            target.Id,
            target.Name,
            institution.Id,
            null,
            previous,
            current,
            severity,
            whole.Actual,
            whole.Numerator,
            whole.Denominator,
            whole.Threshold,
            whole.ExpectedByNow,
            whole.Forecast,
            whole.RequiredPerWeek,
            whole.DaysLeft,
            whole.Deadline,
            improving ? [.. named.Where(u => AlertPolicy.IsBad(u.Status))] : named,
            summary,
            now,
            reminder)
        {
            GroupedUnits = [.. named.Select(u => u.UnitCode)],
        };
    }

    private async Task<(ScopeEvaluation Evaluation, TargetStatusChanged? Alert)> ApplyAsync(
        TargetDefinition target,
        Institution institution,
        string? unitCode,
        string scopeName,
        Assessment assessment,
        Measurement measurement,
        IReadOnlyList<LaggingUnit> lagging,
        DateTimeOffset now,
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

                await PublishSnapshotAsync(target, institution.Id, unitCode, assessment, measurement, decision.State.Status, now, cancellationToken);
                return (new ScopeEvaluation(target, institution.Id, unitCode, scopeName, assessment, decision.State.Status, measurement), alert);
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
        var severity = AlertPolicy.Severity(state.Status, a.SmallGroup);
        var summary = AlertText.Summary(target, scopeName, a, decision.Previous, state.Status, severity, decision.IsReminder, lagging, options.Value.Language);
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
            decision.IsReminder);
    }

    private async Task PublishSnapshotAsync(
        TargetDefinition target,
        string institutionId,
        string? unitCode,
        Assessment a,
        Measurement m,
        TargetStatus status,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var snapshot = new MetricSnapshot(
            target.Id, institutionId, unitCode, target.Metric, a.Actual, a.Numerator, a.Denominator, a.Threshold, a.ExpectedByNow, a.Forecast, status, now)
        {
            PositionsOpened = m.PositionsOpened,
            Breakdown = m.BreakdownOn?.Invoke(a.Today),
            OrphanReports = m.OrphanReports,
            Label = target.Label,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await bus.Publish(snapshot, timeout.Token);
    }

    /// <summary>Replicas that keep colliding on the same states fall out of step: a few milliseconds, random, growing.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {TargetId} {ScopeKey}: {Previous} -> {Current} (reminder: {IsReminder})")]
    private static partial void LogAlert(ILogger logger, string targetId, string scopeKey, TargetStatus? previous, TargetStatus current, bool isReminder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grouped alert {TargetId} {InstitutionId}: {Units} units, {Current} (reminder: {IsReminder})")]
    private static partial void LogGroupedAlert(ILogger logger, string targetId, string institutionId, int units, TargetStatus current, bool isReminder);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Units} unit alerts of {TargetId} {InstitutionId} folded into the institution's alert of the same evaluation")]
    private static partial void LogFolded(ILogger logger, string targetId, string institutionId, int units);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert state of {TargetId} in {ScopeKey} was saved by another evaluation first; deciding again")]
    private static partial void LogConcurrentSave(ILogger logger, string targetId, string scopeKey);

    /// <summary>A unit's assessment, the state it was decided from, and the decision.</summary>
    private sealed record UnitDecision(Unit Unit, Assessment Assessment, AlertState? Before, AlertDecision Decision);
}
