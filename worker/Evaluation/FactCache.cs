using Monitor.Worker.Placement;
using Monitor.Worker.Visits;

namespace Monitor.Worker.Evaluation;

/// <summary>
/// The stored facts one evaluation reads, each read once however many targets ask for them: an institution's two
/// placement targets (all graduates, the disadvantaged) measure the same cohort, and a learned pace reads last year's.
/// Meant for one institution's targets in one evaluation, then dropped, so the facts of one institution at a time are
/// held in memory.
/// </summary>
public sealed class FactCache(IVisitStore visits, IPlacementStore placement)
{
    private readonly Dictionary<(string InstitutionId, int CohortYear), Task<CohortFacts>> cohorts = [];
    private readonly Dictionary<(string InstitutionId, DateOnly FirstDay, DateOnly LastDay), Task<IReadOnlyList<VisitFact>>> visitFacts = [];
    private readonly Lock gate = new();

    public Task<CohortFacts> GetCohortAsync(string institutionId, int cohortYear, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!cohorts.TryGetValue((institutionId, cohortYear), out var cohort))
            {
                cohort = placement.GetCohortAsync(institutionId, cohortYear, cancellationToken);
                cohorts[(institutionId, cohortYear)] = cohort;
            }

            return cohort;
        }
    }

    public Task<IReadOnlyList<VisitFact>> GetActiveVisitsAsync(string institutionId, DateOnly firstDay, DateOnly lastDay, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!visitFacts.TryGetValue((institutionId, firstDay, lastDay), out var found))
            {
                found = visits.GetActiveVisitsAsync(institutionId, firstDay, lastDay, cancellationToken);
                visitFacts[(institutionId, firstDay, lastDay)] = found;
            }

            return found;
        }
    }
}
