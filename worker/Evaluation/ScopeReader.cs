using Monitor.Messages;
using Monitor.Worker.Institutions;
using Monitor.Worker.Placement;
using Monitor.Worker.Visits;
using Monitor.Worker.Targets;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// The read side of an evaluation: loads a target's facts and asks the engine about every scope on a day. It reads
/// the stores and writes nothing, so the worker's evaluation and the read-only <c>status</c> command share it.
/// </summary>
public sealed class ScopeReader(InstitutionCatalog institutions, IVisitStore visits, IPlacementStore placement)
{
    public Institution InstitutionOf(TargetDefinition target) =>
        institutions.Find(target.InstitutionId)
            ?? throw new InvalidOperationException($"Target {target.Id} names unknown institution {target.InstitutionId}.");

    /// <summary>The institution's scope first, then each unit the target is measured for; lagging units named on the institution's scope only.</summary>
    public async Task<IReadOnlyList<ScopeAssessment>> AssessAsync(TargetDefinition target, DateOnly today, CancellationToken cancellationToken)
    {
        var institution = InstitutionOf(target);
        var unitCodes = institution.Units.Select(u => u.Code).ToList();
        var built = target.IsRate
            ? PlacementMeasurements.Build(target, await placement.GetCohortAsync(institution.Id, target.CohortYear!.Value, cancellationToken), unitCodes)
            : VisitMeasurements.Build(target, await visits.GetActiveVisitsAsync(institution.Id, target.PeriodStart, target.Deadline, cancellationToken), unitCodes);

        // NoData is about the target's feed: a unit is "without data" only when the whole target has heard nothing.
        // A slow unit while the others report is judged by its pace.
        var feedLastEventOn = built[ScopeKeys.Institution].LastEventOn;
        var measurements = built.ToDictionary(m => m.Key, m => m.Key == ScopeKeys.Institution ? m.Value : m.Value with { LastEventOn = feedLastEventOn }, StringComparer.Ordinal);

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

        var whole = TargetEngine.Assess(target, target.Threshold, measurements[ScopeKeys.Institution], today);
        var scopes = new List<ScopeAssessment> { new(null, institution.ShortName, whole, measurements[ScopeKeys.Institution], lagging) };
        scopes.AddRange(unitAssessments.Select(x => new ScopeAssessment(x.Unit.Code, x.Unit.Name, x.Assessment, measurements[x.Unit.Code], [])));
        return scopes;
    }

    /// <summary>How far a scope is along its pace (1 = on expected-by-now); the lower, the further behind.</summary>
    internal static decimal Progress(Assessment a) =>
        a.ExpectedByNow is > 0 ? a.Actual / a.ExpectedByNow.Value : a.Threshold > 0 ? a.Actual / a.Threshold : 1m;
}
