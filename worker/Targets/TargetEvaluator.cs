using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.Hosting;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;
using Monitor.Worker.Storage;
using Monitor.Worker.Visits;

namespace Monitor.Worker.Targets;

/// <summary>
/// Evaluates targets: loads the facts, asks the engine, applies the alert policy to the stored state (alert and
/// state saved together), publishes a snapshot per target and scope, then relays the new alerts.
/// </summary>
public sealed partial class TargetEvaluator(
    TargetCatalog targets,
    InstitutionCatalog institutions,
    IVisitStore visits,
    IPlacementStore placement,
    IAlertStore alerts,
    IBus bus,
    AlertRelay relay,
    TimeProvider clock,
    IOptions<MonitorOptions> options,
    ILogger<TargetEvaluator> logger)
{
    private const int SaveAttempts = 10;

    public async Task<IReadOnlyList<ScopeEvaluation>> EvaluateAsync(string? institutionId, string? targetId, CancellationToken cancellationToken)
    {
        var results = new List<ScopeEvaluation>();
        foreach (var target in targets.Select(institutionId, targetId))
        {
            results.AddRange(await EvaluateTargetAsync(target, cancellationToken));
        }

        await relay.RelayNowAsync(cancellationToken);
        return results;
    }

    private async Task<IReadOnlyList<ScopeEvaluation>> EvaluateTargetAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var institution = institutions.Find(target.InstitutionId)
            ?? throw new InvalidOperationException($"Target {target.Id} names unknown institution {target.InstitutionId}.");
        var now = clock.GetUtcNow();
        var today = institution.LocalDate(now);
        var unitCodes = institution.Units.Select(u => u.Code).ToList();
        var measurements = target.IsRate
            ? PlacementMeasurements.Build(target, await placement.GetCohortAsync(institution.Id, target.CohortYear!.Value, cancellationToken), unitCodes)
            : VisitMeasurements.Build(target, await visits.GetActiveVisitsAsync(institution.Id, target.PeriodStart, target.Deadline, cancellationToken), unitCodes);

        var unitAssessments = institution.Units
            .Where(u => measurements.ContainsKey(u.Code))
            .Select(u => (Unit: u, Assessment: TargetEngine.Assess(target, target.ThresholdFor(u.Code, unitCodes.Count), measurements[u.Code], today)))
            .ToList();
        var lagging = unitAssessments
            .Where(x => x.Assessment.Status is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.NoData or TargetStatus.Missed)
            .OrderBy(x => Progress(x.Assessment))
            .ThenBy(x => x.Unit.Code, StringComparer.Ordinal)
            .Select(x => new LaggingUnit(x.Unit.Code, x.Unit.Name, x.Assessment.Actual, x.Assessment.ExpectedByNow, x.Assessment.Status))
            .ToList();

        var results = new List<ScopeEvaluation>();
        var whole = TargetEngine.Assess(target, target.Threshold, measurements[ScopeKeys.Institution], today);
        results.Add(await ApplyAsync(target, institution, null, institution.ShortName, whole, measurements[ScopeKeys.Institution], lagging, now, cancellationToken));
        var grouped = await ApplyGroupedAsync(target, institution, whole, unitAssessments, measurements, now, cancellationToken);
        results.AddRange(grouped);
        foreach (var (unit, assessment) in unitAssessments.Where(u => !grouped.Any(g => g.UnitCode == u.Unit.Code)))
        {
            results.Add(await ApplyAsync(target, institution, unit.Code, unit.Name, assessment, measurements[unit.Code], [], now, cancellationToken));
        }

        return results;
    }

    /// <summary>
    /// When at least <see cref="AlertSettings.GroupUnitsAtLeast"/> units would each announce a bad status (a change for the
    /// worse or a reminder) in this evaluation, their states are saved with one alert for the institution that names them,
    /// all in one transaction. Returns the units so handled (none when there are too few to group).
    /// </summary>
    private async Task<IReadOnlyList<ScopeEvaluation>> ApplyGroupedAsync(
        TargetDefinition target,
        Institution institution,
        Assessment whole,
        List<(Unit Unit, Assessment Assessment)> units,
        IReadOnlyDictionary<string, Measurement> measurements,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var groupAtLeast = target.Alerting.GroupUnitsAtLeast;
        if (groupAtLeast < 2 || units.Count < groupAtLeast)
        {
            return [];
        }

        for (var attempt = 1; ; attempt++)
        {
            var bad = new List<(Unit Unit, Assessment Assessment, AlertState? Before, AlertDecision Decision)>();
            foreach (var (unit, assessment) in units)
            {
                var scopeKey = ScopeKeys.For(institution.Id, unit.Code);
                var state = await alerts.GetStateAsync(target.Id, scopeKey, cancellationToken);
                var decision = AlertPolicy.Decide(target.Id, scopeKey, state, assessment, target.Alerting, now);
                if (decision.Announce && AlertPolicy.IsBad(decision.State.Status))
                {
                    bad.Add((unit, assessment, state, decision));
                }
            }

            if (bad.Count < groupAtLeast)
            {
                return [];
            }

            var alert = GroupAlert(target, institution, whole, bad.Select(b => (b.Unit, b.Assessment, b.Decision)).ToList(), now);
            var saves = bad.Select(b => new StateSave(b.Decision.State, b.Before?.Version ?? 0)).ToList();
            if (await alerts.TrySaveAllAsync(saves, alert, cancellationToken))
            {
                LogGroupedAlert(logger, target.Id, institution.Id, bad.Count, alert.Current, alert.IsReminder);
                var results = new List<ScopeEvaluation>();
                foreach (var (unit, assessment, _, decision) in bad)
                {
                    await PublishSnapshotAsync(target, institution.Id, unit.Code, assessment, measurements[unit.Code], decision.State.Status, now, cancellationToken);
                    results.Add(new ScopeEvaluation(target, institution.Id, unit.Code, unit.Name, assessment, decision.State.Status, measurements[unit.Code]));
                }

                return results;
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
        IReadOnlyList<(Unit Unit, Assessment Assessment, AlertDecision Decision)> units,
        DateTimeOffset now)
    {
        var ordered = units
            .OrderByDescending(u => AlertPolicy.Rank(u.Decision.State.Status))
            .ThenBy(u => Progress(u.Assessment))
            .ThenBy(u => u.Unit.Code, StringComparer.Ordinal)
            .ToList();
        var current = ordered[0].Decision.State.Status;
        var previous = units.Select(u => u.Decision.Previous).Distinct().ToList() is [var only] ? only : null;
        var severity = units.Max(u => AlertPolicy.Severity(u.Decision.State.Status, u.Assessment.SmallGroup));
        var reminder = units.All(u => u.Decision.IsReminder);
        var named = ordered.Select(u => new LaggingUnit(u.Unit.Code, u.Unit.Name, u.Assessment.Actual, u.Assessment.ExpectedByNow, u.Decision.State.Status)).ToList();
        var scopeKey = ScopeKeys.For(institution.Id, null);
        var summary = AlertText.GroupSummary(target, institution.ShortName, whole, named, previous, severity, reminder, options.Value.Language);
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
            named,
            summary,
            now,
            reminder)
        {
            GroupedUnits = [.. named.Select(u => u.UnitCode)],
        };
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

    private static decimal Progress(Assessment a) =>
        a.ExpectedByNow is > 0 ? a.Actual / a.ExpectedByNow.Value : a.Threshold > 0 ? a.Actual / a.Threshold : 1m;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {TargetId} {ScopeKey}: {Previous} -> {Current} (reminder: {IsReminder})")]
    private static partial void LogAlert(ILogger logger, string targetId, string scopeKey, TargetStatus? previous, TargetStatus current, bool isReminder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grouped alert {TargetId} {InstitutionId}: {Units} units, {Current} (reminder: {IsReminder})")]
    private static partial void LogGroupedAlert(ILogger logger, string targetId, string institutionId, int units, TargetStatus current, bool isReminder);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert state of {TargetId} in {ScopeKey} was saved by another evaluation first; deciding again")]
    private static partial void LogConcurrentSave(ILogger logger, string targetId, string scopeKey);
}
