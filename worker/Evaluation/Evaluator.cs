using MassTransit;
using Microsoft.Extensions.Options;
using Monitor.Messages;
using Monitor.Worker.Alerts;
using Monitor.Worker.History;
using Monitor.Worker.Settings;
using Monitor.Worker.Institutions;
using Monitor.Worker.Targets;
using Monitor.Worker.Telemetry;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// Evaluates targets a chunk of institutions at a time (Monitor:EvaluationChunk): locks the chunk's targets, reads their
/// facts together, asks the engine, applies the alert policy to the stored states (states and alerts saved together, one
/// transaction), publishes a snapshot per target and scope and keeps them as the day's history rows; then relays the new
/// alerts. Chunks are evaluated side by side (Monitor:EvaluationParallelism), so the round trips of one overlap the work
/// of another.
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
    MonitorMetrics metrics,
    ILogger<Evaluator> logger)
{
    private const int SaveAttempts = 10;

    /// <summary>Snapshots one chunk has in flight at a time.</summary>
    private const int PublishWindow = 256;

    /// <summary>Evaluates the selected targets and returns every scope's figures and status, in the catalog's order.</summary>
    public async Task<IReadOnlyList<ScopeEvaluation>> EvaluateAsync(string? institutionId, string? targetId, CancellationToken cancellationToken)
    {
        var selected = targets.Select(institutionId, targetId).ToList();
        var evaluated = new IReadOnlyList<ScopeEvaluation>[selected.Count];
        await EvaluateAsync(selected, (index, scopes) => evaluated[index] = scopes, cancellationToken);
        return [.. evaluated.SelectMany(scopes => scopes)];
    }

    /// <summary>
    /// Evaluates the selected targets and keeps only the counts: each target's figures are dropped once it is done, so
    /// the memory of a run holds the facts of the institutions in progress, however many there are.
    /// </summary>
    public async Task<EvaluationSummary> RunAsync(string? institutionId, string? targetId, CancellationToken cancellationToken)
    {
        var selected = targets.Select(institutionId, targetId).ToList();
        int scopes = 0, behind = 0;
        await EvaluateAsync(
            selected,
            (_, evaluated) =>
            {
                Interlocked.Add(ref scopes, evaluated.Count);
                Interlocked.Add(ref behind, evaluated.Count(e => e.AnnouncedStatus is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.Missed or TargetStatus.NoData));
            },
            cancellationToken);
        return new EvaluationSummary(selected.Count, scopes, behind);
    }

    private async Task EvaluateAsync(List<TargetDefinition> selected, Action<int, IReadOnlyList<ScopeEvaluation>> done, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var chunks = selected
            .Select((target, index) => (Target: target, Index: index))
            .GroupBy(x => x.Target.InstitutionId, StringComparer.Ordinal)
            .Chunk(options.Value.EvaluationChunk)
            .Select(institutions => institutions.SelectMany(institution => institution).ToList());
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.EvaluationParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(chunks, parallel, async (chunk, ct) =>
        {
            List<TargetDefinition> chunkTargets = [.. chunk.Select(x => x.Target)];
            await using (await alerts.LockTargetsAsync([.. chunkTargets.Select(t => t.Id)], ct))
            {
                var evaluated = await EvaluateChunkAsync(chunkTargets, ct);
                for (var i = 0; i < chunk.Count; i++)
                {
                    done(chunk[i].Index, evaluated[i]);
                }
            }
        });

        await relay.RelayNowAsync(cancellationToken);
        metrics.Evaluated(System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Evaluates a chunk of institutions' targets, holding their locks: every target assessed from facts read together,
    /// every state read in one query and saved in one transaction, the snapshots published together while the history is
    /// written.
    /// </summary>
    private async Task<IReadOnlyList<ScopeEvaluation>[]> EvaluateChunkAsync(List<TargetDefinition> chosen, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var facts = scopes.NewFacts();
        await facts.LoadAsync(chosen.SelectMany(ScopeReader.Reads), cancellationToken);
        var institutions = chosen.Select(scopes.InstitutionOf).ToList();
        var assessed = new List<IReadOnlyList<ScopeAssessment>>(chosen.Count);
        for (var t = 0; t < chosen.Count; t++)
        {
            assessed.Add(await scopes.AssessAsync(chosen[t], institutions[t].LocalDate(now), facts, cancellationToken));
        }

        var decided = await DecideAndSaveAsync(institutions, chosen, assessed, now, cancellationToken);
        var snapshots = new List<HistoryEntry>();
        var results = new IReadOnlyList<ScopeEvaluation>[chosen.Count];
        for (var t = 0; t < chosen.Count; t++)
        {
            var (target, institution) = (chosen[t], institutions[t]);
            var today = institution.LocalDate(now);
            var targetResults = new ScopeEvaluation[assessed[t].Count];
            for (var i = 0; i < assessed[t].Count; i++)
            {
                var (scope, status) = (assessed[t][i], decided[t][i].State.Status);
                snapshots.Add(new HistoryEntry(today, MetricSnapshots.For(target, institution.Id, scope.UnitCode, scope.Assessment, scope.Measurement, status, now)));
                targetResults[i] = new ScopeEvaluation(target, institution.Id, scope.UnitCode, scope.ScopeName, scope.Assessment, status, scope.Measurement);
            }

            results[t] = targetResults;
        }

        await Task.WhenAll(PublishAsync(snapshots, cancellationToken), SaveHistoryAsync(snapshots, cancellationToken));
        return results;
    }

    /// <summary>
    /// Decides every scope of the targets against its stored state and saves every state (each records when it was last
    /// evaluated, which <c>status</c> reports and <c>status --refresh</c> waits on), with their alerts, in one
    /// transaction. Another evaluation that saved first (none should: the targets are locked) makes it read the states
    /// again and decide again.
    /// </summary>
    private async Task<List<AlertDecision>[]> DecideAndSaveAsync(
        List<Institution> institutions, List<TargetDefinition> chosen, List<IReadOnlyList<ScopeAssessment>> assessed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = (await alerts.GetStatesAsync([.. chosen.Select(t => t.Id)], cancellationToken)).ToDictionary(s => (s.TargetId, s.ScopeKey));
            var decisions = new List<AlertDecision>[chosen.Count];
            var saves = new List<StateSave>();
            for (var t = 0; t < chosen.Count; t++)
            {
                var (target, institution) = (chosen[t], institutions[t]);
                decisions[t] = new List<AlertDecision>(assessed[t].Count);
                foreach (var scope in assessed[t])
                {
                    var scopeKey = ScopeKeys.For(institution.Id, scope.UnitCode);
                    var state = stored.GetValueOrDefault((target.Id, scopeKey));
                    var decision = AlertPolicy.Decide(target.Id, scopeKey, state, scope.Assessment, target.Alerting, now);
                    decisions[t].Add(decision);
                    var alert = decision.Announce ? Alert(target, institution, scope.UnitCode, scope.ScopeName, scope.Assessment, decision, scope.Lagging, now) : null;
                    saves.Add(new StateSave(decision.State, state?.Version ?? 0, alert));
                }
            }

            if (await alerts.TrySaveAllAsync(saves, cancellationToken))
            {
                foreach (var save in saves.Where(save => save.Alert is not null))
                {
                    LogAlert(logger, save.State.TargetId, save.State.ScopeKey, save.Alert!.Previous, save.Alert.Current, save.Alert.IsReminder);
                }

                return decisions;
            }

            var described = Describe(institutions);
            if (attempt == SaveAttempts)
            {
                throw new InvalidOperationException($"Alert states of {described} kept changing under {SaveAttempts} attempts to save them.");
            }

            LogConcurrentSave(logger, described);
            await BackOffAsync(attempt, cancellationToken);
        }
    }

    /// <summary>
    /// The day's history rows of the chunk's targets, one write for all their scopes. A failed write is logged and does not
    /// fail the evaluation: the alert decisions are saved and the snapshots published by now, the row is a copy of those
    /// figures that the next evaluation (Monitor:EvaluateEvery) writes again, and a gap left by a bad day can be refilled
    /// by <c>history backfill</c> — while failing here would hold back the other targets' evaluations and alerts.
    /// </summary>
    private async Task SaveHistoryAsync(List<HistoryEntry> rows, CancellationToken cancellationToken)
    {
        try
        {
            await history.SaveAsync(rows, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHistoryNotSaved(logger, ex, Describe(rows.Select(r => r.Snapshot.InstitutionId).Distinct(StringComparer.Ordinal).ToList()), rows.Count);
        }
    }

    /// <summary>The institutions of a chunk as a log line names them: the first and how many.</summary>
    private static string Describe(List<string> institutionIds) =>
        institutionIds.Count == 1 ? institutionIds[0] : $"{institutionIds.FirstOrDefault()} and {institutionIds.Count - 1} other institutions";

    private static string Describe(List<Institution> institutions) =>
        Describe(institutions.Select(i => i.Id).Distinct(StringComparer.Ordinal).ToList());

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

    /// <summary>
    /// The chunk's snapshots, <see cref="PublishWindow"/> in flight at a time: the broker confirms each window together
    /// instead of one by one, and the messages being sent stay few however large the chunk.
    /// </summary>
    private async Task PublishAsync(List<HistoryEntry> snapshots, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        foreach (var window in snapshots.Chunk(PublishWindow))
        {
            await Task.WhenAll(window.Select(row => bus.Publish(row.Snapshot, timeout.Token)));
        }
    }

    /// <summary>Replicas that keep colliding on the same states fall out of step: a few milliseconds, random, growing.</summary>
    private static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20) * attempt), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {TargetId} {ScopeKey}: {Previous} -> {Current} (reminder: {IsReminder})")]
    private static partial void LogAlert(ILogger logger, string targetId, string scopeKey, TargetStatus? previous, TargetStatus current, bool isReminder);

    [LoggerMessage(Level = LogLevel.Error, Message = "History of {Institutions} not saved ({Rows} rows); the alerts and snapshots of this evaluation stand, and the next evaluation writes the day's rows again")]
    private static partial void LogHistoryNotSaved(ILogger logger, Exception exception, string institutions, int rows);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert states of {Institutions} were saved by another evaluation first; deciding again")]
    private static partial void LogConcurrentSave(ILogger logger, string institutions);
}
