using Monitor.Messages;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;
using Monitor.Worker.Targets;
using Monitor.Worker.Alerts;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// The read side of an evaluation: loads a target's facts and asks the engine about every scope on a day. It reads
/// the stores and writes nothing, so the worker's evaluation and the read-only <c>status</c> command share it.
/// </summary>
public sealed class ScopeReader(InstitutionCatalog institutions, IVisitStore visits, IPlacementStore placement, IAlertStore alerts)
{
    public Institution InstitutionOf(TargetDefinition target) =>
        institutions.Find(target.InstitutionId)
            ?? throw new InvalidOperationException($"Target {target.Id} names unknown institution {target.InstitutionId}.");

    /// <summary>The institution's scope first, then each unit the target is measured for; lagging units named on the institution's scope only.</summary>
    public Task<IReadOnlyList<ScopeAssessment>> AssessAsync(TargetDefinition target, DateOnly today, CancellationToken cancellationToken) =>
        AssessAsync(target, today, NewFacts(), cancellationToken);

    /// <summary>As <see cref="AssessAsync(TargetDefinition, DateOnly, CancellationToken)"/>, reading the facts through <paramref name="facts"/>, shared with the institution's other targets.</summary>
    public async Task<IReadOnlyList<ScopeAssessment>> AssessAsync(TargetDefinition target, DateOnly today, FactCache facts, CancellationToken cancellationToken) =>
        Assess(await LoadAsync(target, today, facts, cancellationToken), today);

    /// <summary>An empty cache of stored facts, for one chunk of targets in one evaluation.</summary>
    public FactCache NewFacts() => new(visits, placement);

    /// <summary>What assessing the target reads: its own facts, and last year's for a learned pace (for <see cref="FactCache.LoadAsync"/>).</summary>
    public static IEnumerable<TargetDefinition> Reads(TargetDefinition target)
    {
        ArgumentNullException.ThrowIfNull(target);
        yield return target;
        if (target.Pace.Kind == PaceKind.Learned)
        {
            yield return LastYear(target);
        }
    }

    /// <summary>
    /// Loads the target's facts once and measures every scope as an evaluation on <paramref name="today"/> sees them: a
    /// rate's measured figures from its measurement date on, last year's shape for a learned pace.
    /// </summary>
    public Task<TargetFacts> LoadAsync(TargetDefinition target, DateOnly today, CancellationToken cancellationToken) =>
        LoadAsync(target, today, NewFacts(), cancellationToken);

    private async Task<TargetFacts> LoadAsync(TargetDefinition target, DateOnly today, FactCache facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var institution = InstitutionOf(target);
        var unitCodes = institution.Units.Select(u => u.Code).ToList();
        var built = target.IsRate
            ? PlacementMeasurements.Build(target, await facts.GetCohortAsync(institution.Id, target.CohortYear!.Value, cancellationToken), unitCodes)
            : VisitMeasurements.Build(target, await facts.GetActiveVisitsAsync(institution.Id, target.PeriodStart, target.Deadline, cancellationToken), unitCodes);

        // NoData is about the target's feed: a unit is "without data" only when the whole target has heard nothing.
        // A slow unit while the others report is judged by its pace.
        var feed = built[ScopeKeys.Institution];
        var measurements = built.ToDictionary(
            m => m.Key,
            m => m.Key == ScopeKeys.Institution ? m.Value : m.Value with { LastEventOn = feed.LastEventOn, LastEventOnOrBefore = feed.LastEventOnOrBefore },
            StringComparer.Ordinal);
        if (target.IsRate && today >= target.Deadline)
        {
            measurements = await WithMeasuredAsync(target, institution, measurements, today, cancellationToken);
        }

        if (target.Pace.Kind == PaceKind.Learned && await LastYearsShapeAsync(target, institution, unitCodes, facts, cancellationToken) is { } shape)
        {
            measurements = measurements.ToDictionary(m => m.Key, m => m.Value with { PaceShape = shape }, StringComparer.Ordinal);
        }

        return new TargetFacts(target, institution, measurements);
    }

    /// <summary>Asks the engine about every scope of the loaded facts on <paramref name="today"/>: the institution first, then its units.</summary>
    public static IReadOnlyList<ScopeAssessment> Assess(TargetFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (target, institution, measurements) = (facts.Target, facts.Institution, facts.Measurements);
        var unitCount = institution.Units.Count;
        var unitAssessments = institution.Units
            .Where(u => measurements.ContainsKey(u.Code))
            .Select(u => (Unit: u, Assessment: TargetEngine.Assess(target, target.ThresholdFor(u.Code, unitCount), measurements[u.Code], today)))
            .ToList();
        var lagging = unitAssessments
            .Where(x => x.Assessment.Status is TargetStatus.AtRisk or TargetStatus.OffTrack or TargetStatus.NoData or TargetStatus.Missed)
            .OrderBy(x => Progress(x.Assessment))
            .ThenBy(x => x.Unit.Code, StringComparer.Ordinal)
            .Select(x => new LaggingUnit(x.Unit.Code, x.Unit.Name, x.Assessment.Actual, x.Assessment.ExpectedByNow, x.Assessment.Status))
            .ToList();

        var whole = TargetEngine.Assess(target, target.Threshold, measurements[ScopeKeys.Institution], today);
        var scopes = new List<ScopeAssessment> { new(null, institution.ShortName, whole, measurements[ScopeKeys.Institution], lagging) };
        scopes.AddRange(unitAssessments.Select(x => new ScopeAssessment(x.Unit.Code, x.Unit.Name, x.Assessment, measurements[x.Unit.Code], [])));
        return scopes;
    }

    /// <summary>
    /// A learned pace: the shape of last year's curve for the same target in the same institution — the share of last
    /// year's final figure reached by the same day — when the store holds enough of last year's events
    /// (<see cref="PaceCurve.LearnFromAtLeast"/>); null otherwise, and the target's seasonal weights apply. Every scope
    /// follows the institution's shape: a unit's own year is too small to have one.
    /// </summary>
    private static async Task<Func<DateOnly, decimal>?> LastYearsShapeAsync(
        TargetDefinition target, Institution institution, List<string> unitCodes, FactCache facts, CancellationToken cancellationToken)
    {
        var lastYear = LastYear(target);
        var built = lastYear.IsRate
            ? PlacementMeasurements.Build(lastYear, await facts.GetCohortAsync(institution.Id, lastYear.CohortYear!.Value, cancellationToken), unitCodes)
            : VisitMeasurements.Build(lastYear, await facts.GetActiveVisitsAsync(institution.Id, lastYear.PeriodStart, lastYear.Deadline, cancellationToken), unitCodes);
        var whole = built[ScopeKeys.Institution];
        decimal Done(DateOnly day) => lastYear.IsRate ? whole.NumeratorOn!(day) : whole.ValueOn(day);
        var total = Done(lastYear.Deadline);
        if (total < target.Pace.LearnFromAtLeast)
        {
            return null;
        }

        return day => Math.Min(1m, Done(day.AddYears(-1)) / total);
    }

    /// <summary>The same target a year earlier, measured for the institution only: where a learned pace takes its shape from.</summary>
    private static TargetDefinition LastYear(TargetDefinition target) =>
        target.ForYear(target.Deadline.Year - 1, target.Label ?? string.Empty) with { PerUnit = false };

    /// <summary>
    /// A rate on and after its measurement date is judged on its measured figures: once the books have closed, the
    /// final figures stored when they closed (they never change again, whatever arrives later); until then, and on the
    /// first evaluation after the close, the figures as of the measurement date from every fact received so far.
    /// </summary>
    private async Task<Dictionary<string, Measurement>> WithMeasuredAsync(
        TargetDefinition target, Institution institution, Dictionary<string, Measurement> measurements, DateOnly today, CancellationToken cancellationToken)
    {
        var closed = today > target.BooksCloseOn;
        var finals = closed
            ? (await alerts.GetStatesAsync([target.Id], cancellationToken)).Where(s => s.Final is not null).ToDictionary(s => s.ScopeKey, s => s.Final!, StringComparer.Ordinal)
            : [];
        return measurements.ToDictionary(
            m => m.Key,
            m =>
            {
                if (m.Value.Denominator is not > 0)
                {
                    return m.Value;
                }

                var scopeKey = ScopeKeys.For(institution.Id, m.Key == ScopeKeys.Institution ? null : m.Key);
                var measured = finals.TryGetValue(scopeKey, out var final)
                    ? new MeasuredRate(final.Numerator, final.Denominator, IsFinal: true)
                    : new MeasuredRate(m.Value.NumeratorOn!(target.Deadline), m.Value.Denominator.Value, closed);
                return m.Value with { Measured = measured };
            },
            StringComparer.Ordinal);
    }

    /// <summary>How far a scope is along its pace (1 = on expected-by-now); the lower, the further behind.</summary>
    internal static decimal Progress(Assessment a) =>
        a.ExpectedByNow is > 0 ? a.Actual / a.ExpectedByNow.Value : a.Threshold > 0 ? a.Actual / a.Threshold : 1m;
}
