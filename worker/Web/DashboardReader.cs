using Microsoft.Extensions.Options;
using Monitor.Worker.Alerts;
using Monitor.Worker.Delivery;
using Monitor.Worker.Evaluation;
using Monitor.Worker.History;
using Monitor.Worker.Institutions;
using Monitor.Worker.Settings;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Web;

/// <summary>
/// What the dashboard's API answers, read from the stores: figures from the history, names and thresholds from the
/// catalogs, the pace line from the target (and, for a learned pace, last year's shape), alerts and where they were
/// posted, silences. It writes nothing.
/// </summary>
public sealed class DashboardReader(
    InstitutionCatalog institutions,
    TargetCatalog targets,
    IHistoryStore history,
    IAlertStore alerts,
    ISilenceStore silences,
    ScopeReader scopes,
    TimeProvider clock,
    IOptions<MonitorOptions> options,
    INotificationStore? notifications = null,
    DeliveryOptions? delivery = null)
{
    private string Language => options.Value.Language;

    public IReadOnlyList<InstitutionView> Institutions() =>
        [.. institutions.All.OrderBy(i => i.Id, StringComparer.Ordinal).Select(i =>
            new InstitutionView(i.Id, i.Name, i.ShortName, i.TimeZone.Id, [.. i.Units.Select(u => new UnitView(u.Code, u.Name))]))];

    public TargetDefinition? Find(string targetId) => targets.All.FirstOrDefault(t => t.Id == targetId);

    public async Task<IReadOnlyList<TargetView>> TargetsAsync(CancellationToken cancellationToken)
    {
        var active = await silences.GetActiveAsync(clock.GetUtcNow(), cancellationToken);
        var latest = await history.GetLatestAsync([.. targets.All.Select(t => t.Id)], cancellationToken);
        return [.. targets.All.Select(target => latest[target.Id].FirstOrDefault(e => e.Snapshot.UnitCode is null) is { } whole
            ? View(target, Scope(target, whole, null, active))
            : View(target, null))];
    }

    /// <summary>The target and its scopes' latest figures, or null for an unknown target.</summary>
    public async Task<TargetDetail?> TargetAsync(string targetId, CancellationToken cancellationToken)
    {
        if (Find(targetId) is not { } target)
        {
            return null;
        }

        var active = await silences.GetActiveAsync(clock.GetUtcNow(), cancellationToken);
        var latest = await history.GetLatestAsync(target.Id, cancellationToken);
        var whole = latest.FirstOrDefault(e => e.Snapshot.UnitCode is null);
        var units = ScopeRanking.LaggingFirst(latest.Where(e => e.Snapshot.UnitCode is not null), e => e.Snapshot, e => e.Snapshot.UnitCode!);
        var scopeViews = new List<ScopeView>();
        if (whole is not null)
        {
            scopeViews.Add(Scope(target, whole, null, active));
        }

        scopeViews.AddRange(units.Select((e, i) => Scope(target, e, i + 1, active)));
        var covering = active.Where(s => s.InstitutionId == target.InstitutionId && (s.TargetId is null || s.TargetId == target.Id));
        return new TargetDetail(View(target, whole is null ? null : scopeViews[0]), scopeViews, [.. covering.Select(SilenceView)]);
    }

    /// <summary>
    /// One scope's rows from <paramref name="from"/> (default: the period's start) to <paramref name="to"/> (default: the
    /// deadline, or for a rate the day its books close), and the pace line from <paramref name="from"/> to the deadline;
    /// null for an unknown target or unit.
    /// </summary>
    public async Task<SeriesView?> SeriesAsync(string targetId, string? unitCode, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (Find(targetId) is not { } target)
        {
            return null;
        }

        var institution = institutions.Find(target.InstitutionId)!;
        unitCode = string.IsNullOrEmpty(unitCode) ? null : unitCode;
        if (unitCode is not null && (!target.PerUnit || institution.FindUnit(unitCode) is null))
        {
            return null;
        }

        var today = institution.LocalDate(clock.GetUtcNow());
        var first = from ?? target.PeriodStart;
        var last = to ?? (target.IsRate ? target.BooksCloseOn : target.Deadline);
        var rows = await history.GetSeriesAsync(target.Id, unitCode, first, last, cancellationToken);
        var threshold = target.ThresholdFor(unitCode, institution.Units.Count);
        var latest = rows.Count > 0 ? rows[^1] : null;
        var shape = target.Pace.Kind == PaceKind.Learned ? await LearnedShapeAsync(target, unitCode, today, cancellationToken) : null;
        var pace = PaceSeries.Line(target, threshold, shape, latest?.Snapshot.Denominator, from);
        var points = rows.Select(Point).ToList();

        ForecastView? forecast = null;
        if (latest?.Snapshot is { Forecast: { } likely } running && latest.Day < target.Deadline)
        {
            forecast = new ForecastView(latest.Day, running.Actual, target.Deadline, likely, running.ForecastLow ?? likely, running.ForecastHigh ?? likely);
        }

        // The measured figure is the scope's as it stands now (its newest row, final once the books have closed),
        // whatever days the rows above cover.
        MeasuredView? measured = null;
        if (target.IsRate
            && (await history.GetLatestAsync(target.Id, cancellationToken)).FirstOrDefault(e => e.Snapshot.UnitCode == unitCode) is { } newest
            && newest.Snapshot.AsOf == target.Deadline)
        {
            var s = newest.Snapshot;
            measured = new MeasuredView(target.Deadline, s.Actual, s.Numerator, s.Denominator, s.IsFinal, DashboardText.MeasuredLabel(s.IsFinal, Language), s.CurrentActual, newest.Day);
        }

        var scopeName = unitCode is null ? institution.ShortName : institution.FindUnit(unitCode)!.Name;
        return new SeriesView(target.Id, unitCode, scopeName, threshold, target.IsRate ? "%" : string.Empty, target.PeriodStart, target.Deadline, today, points, pace, forecast, measured);
    }

    /// <summary>Every alert of the target, newest first, each with what became of it at every robot that took it; null for an unknown target.</summary>
    public async Task<IReadOnlyList<AlertView>?> AlertsAsync(string targetId, CancellationToken cancellationToken)
    {
        if (Find(targetId) is not { } target)
        {
            return null;
        }

        var institution = institutions.Find(target.InstitutionId)!;
        var stored = await alerts.GetAlertsAsync(target.Id, cancellationToken);
        var queued = await QueuedAsync(stored.Select(a => a.AlertId).ToHashSet(), cancellationToken);
        return [.. stored.OrderByDescending(a => a.EvaluatedAt).ThenByDescending(a => a.AlertId).Select(a => new AlertView(
            a.AlertId,
            a.EvaluatedAt,
            a.UnitCode,
            a.UnitCode is null ? institution.ShortName : institution.FindUnit(a.UnitCode)?.Name ?? a.UnitCode,
            a.Previous,
            a.Current,
            Wording.StatusName(a.Current, Language),
            Wording.StatusColour(a.Current),
            a.Severity,
            Wording.SeverityName(a.Severity, Language),
            a.IsReminder,
            a.IsFinalNotice,
            a.Summary,
            queued.TryGetValue(a.AlertId, out var deliveries) ? deliveries : []))];
    }

    /// <summary>The silences in force now.</summary>
    public async Task<IReadOnlyList<SilenceView>> SilencesAsync(CancellationToken cancellationToken) =>
        [.. (await silences.GetActiveAsync(clock.GetUtcNow(), cancellationToken)).Select(SilenceView)];

    /// <summary>
    /// With several institutions: each kind of target (metric, tier, cohort, disadvantaged only, year) with the
    /// institutions that have it ranked leading first; empty with one institution.
    /// </summary>
    public async Task<IReadOnlyList<ProvinceRanking>> ProvinceAsync(CancellationToken cancellationToken)
    {
        if (institutions.All.Count < 2)
        {
            return [];
        }

        var active = await silences.GetActiveAsync(clock.GetUtcNow(), cancellationToken);
        var latest = await history.GetLatestAsync([.. targets.All.Select(t => t.Id)], cancellationToken);
        var rankings = new List<ProvinceRanking>();
        foreach (var kind in targets.All.GroupBy(KindOf, StringComparer.Ordinal))
        {
            var rows = new List<(TargetDefinition Target, HistoryEntry Entry)>();
            foreach (var target in kind)
            {
                if (latest[target.Id].FirstOrDefault(e => e.Snapshot.UnitCode is null) is { } entry)
                {
                    rows.Add((target, entry));
                }
            }

            var ranked = ScopeRanking.LeadingFirst(rows, r => r.Entry.Snapshot, r => r.Target.InstitutionId);
            var first = kind.First();
            rankings.Add(new ProvinceRanking(kind.Key, first.Name, first.Metric, [.. ranked.Select((r, i) => new ProvinceRow(
                i + 1, r.Target.InstitutionId, institutions.Find(r.Target.InstitutionId)!.ShortName, r.Target.Id, Scope(r.Target, r.Entry, i + 1, active)))]));
        }

        return rankings;
    }

    /// <summary>What makes two institutions' targets the same kind: "DistinctEmployersVisited/Leadership/2024", "PlacementRate/2024/disadvantaged/2024".</summary>
    public static string KindOf(TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parts = new List<string> { target.Metric.ToString() };
        if (target.Tier is { } tier)
        {
            parts.Add(tier.ToString());
        }

        if (target.CohortYear is { } cohort)
        {
            parts.Add(cohort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (target.DisadvantagedOnly)
        {
            parts.Add("disadvantaged");
        }

        parts.Add(target.Deadline.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join('/', parts);
    }

    private static SeriesPoint Point(HistoryEntry row)
    {
        var s = row.Snapshot;
        return new SeriesPoint(row.Day, s.Actual, s.Numerator, s.Denominator, s.ExpectedByNow, s.Forecast, s.ForecastLow, s.ForecastHigh, s.CurrentActual, s.Status, s.IsFinal);
    }

    private static TargetView View(TargetDefinition t, ScopeView? latest) => new(
        t.Id, t.Name, t.InstitutionId, t.Metric, t.Tier, t.CohortYear, t.DisadvantagedOnly, t.Threshold, t.IsRate ? "%" : string.Empty,
        t.PeriodStart, t.Deadline, t.IsRate ? t.BooksCloseOn : null, t.Pace.Kind, t.PerUnit, t.Label, t.Text, latest);

    private ScopeView Scope(TargetDefinition target, HistoryEntry entry, int? rank, IReadOnlyList<Silence> active)
    {
        var s = entry.Snapshot;
        var institution = institutions.Find(s.InstitutionId);
        var name = s.UnitCode is null ? institution?.ShortName ?? s.InstitutionId : institution?.FindUnit(s.UnitCode)?.Name ?? s.UnitCode;
        return new ScopeView(
            s.UnitCode,
            name,
            s.Threshold,
            entry.Day,
            Wording.StatusName(s.Status, Language),
            Wording.StatusColour(s.Status),
            ScopeRanking.ShareOf(s.Actual, s.Threshold),
            s.ExpectedByNow is { } expected ? ScopeRanking.ShareOf(expected, s.Threshold) : null,
            rank,
            active.Any(x => x.Covers(target.Id, s.InstitutionId, s.UnitCode)),
            s);
    }

    private SilenceView SilenceView(Silence s)
    {
        var institution = institutions.Find(s.InstitutionId);
        var scope = s.UnitCode is null ? institution?.ShortName ?? s.InstitutionId : institution?.FindUnit(s.UnitCode)?.Name ?? s.UnitCode;
        return new SilenceView(s.Id, s.InstitutionId, s.UnitCode, scope, s.TargetId, s.TargetId is null ? null : Find(s.TargetId)?.Name, s.EndsAt, s.Reason, s.CreatedBy, s.CreatedAt);
    }

    /// <summary>A learned pace's shape for the scope, as the evaluation uses it (null when last year is not in the store).</summary>
    private async Task<Func<DateOnly, decimal>?> LearnedShapeAsync(TargetDefinition target, string? unitCode, DateOnly today, CancellationToken cancellationToken)
    {
        var assessed = await scopes.AssessAsync(target, today, cancellationToken);
        return assessed.FirstOrDefault(a => a.UnitCode == unitCode)?.Measurement.PaceShape;
    }

    /// <summary>Each alert's entries in the robots' queues, and when the post that carried it was delivered.</summary>
    private async Task<Dictionary<Guid, List<AlertDelivery>>> QueuedAsync(HashSet<Guid> alertIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, List<AlertDelivery>>();
        if (notifications is null || delivery is null)
        {
            return result;
        }

        var posted = new Dictionary<Guid, IReadOnlyList<WebhookDelivery>>();
        foreach (var webhook in delivery.Webhooks)
        {
            foreach (var entry in await notifications.GetQueueAsync(webhook.Name, cancellationToken))
            {
                if (entry.Kind != NotificationKind.Alert || !alertIds.Contains(entry.SourceId))
                {
                    continue;
                }

                DateTimeOffset? deliveredAt = null;
                if (entry.NotificationId is { } messageId)
                {
                    if (!posted.TryGetValue(messageId, out var deliveries))
                    {
                        deliveries = await notifications.GetDeliveriesAsync(messageId, cancellationToken);
                        posted[messageId] = deliveries;
                    }

                    deliveredAt = deliveries.FirstOrDefault(d => d.Webhook == webhook.Name)?.DeliveredAt;
                }

                if (!result.TryGetValue(entry.SourceId, out var list))
                {
                    result[entry.SourceId] = list = [];
                }

                list.Add(new AlertDelivery(webhook.Name, entry.State, entry.NotificationId, deliveredAt));
            }
        }

        return result;
    }
}
